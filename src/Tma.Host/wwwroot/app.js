// Placeholder of the web UI (the SPA replaces this file): shows who is signed in.
const main = document.getElementById('main');
const response = await fetch('/v1/me', { credentials: 'same-origin' });
main.textContent = response.ok ? `Signed in: ${(await response.json()).role}` : 'Not signed in.';
