// Boot and router. Hash routes only (#/, #/cases/<id>[/<section>], #/audit): no names, references or other personal
// data ever in a URL.
import { get, post, setUnauthorizedHandler, ApiError } from './api.js';
import { t, tIn, lang, setLang, onLanguageChange } from './i18n.js';
import { h, clear } from './dom.js';
import { renderSignIn } from './views/signin.js';
import { renderHome } from './views/home.js';
import { renderCase } from './views/case.js';
import { renderAudit } from './views/audit.js';
import { renderElsewhere } from './views/elsewhere.js';

const state = { me: null, process: null, currentCase: null };

function main() { return document.getElementById('main'); }

/** Announces a status message to screen readers and shows it. kind: info | success | error. */
export function announce(message, kind = 'info') {
  const region = document.getElementById('status');
  clear(region);
  if (!message) return;
  region.append(h('p', { class: ['status-message', kind], text: message }));
}

function renderHeader() {
  const header = clear(document.getElementById('app-header'));
  document.getElementById('skip-link').textContent = t('app.skip');
  const brand = h('div', { class: 'brand' },
    h('a', { href: '#/', class: 'brand-name', text: t('app.name') }),
    h('span', { class: 'brand-sub', text: t('app.tagline') }));

  const links = [];
  if (state.me && (state.me.role === 'case_manager' || state.me.role === 'expert')) links.push(h('a', { href: '#/', text: t('nav.cases') }));
  if (state.me && state.me.role === 'auditor') links.push(h('a', { href: '#/audit', text: t('nav.audit') }));
  const nav = links.length ? h('nav', { 'aria-label': t('nav.label'), class: 'main-nav' }, h('ul', {}, links.map(l => h('li', {}, l)))) : null;

  const languages = h('div', { class: 'language-switch', role: 'group', 'aria-label': t('lang.switch') },
    // Each button names its language in that language ("Deutsch", "English"), so a reader finds their own.
    ['de', 'en'].map(code => h('button', {
      type: 'button', lang: code, class: 'lang-button', 'aria-pressed': String(lang() === code), text: tIn(code, 'lang.' + code),
      on: { click: () => setLang(code) },
    })));

  let user = null;
  if (state.me) {
    user = h('div', { class: 'user' },
      h('span', { class: 'user-id', text: t('user.signedInAs', { user: state.me.userId, role: t('role.' + state.me.role) }) }),
      h('button', { type: 'button', class: 'secondary', id: 'sign-out', text: t('user.signOut'), on: { click: signOut } }));
  }

  header.append(...[brand, nav, h('div', { class: 'header-tools' }, languages, user)].filter(Boolean));
}

async function signOut() {
  try {
    await post('/auth/signout');
  } catch {
    // the cookie may already be gone
  }
  state.me = null;
  announce(t('user.signedOut'), 'success');
  await navigate('#/');
}

export async function signedIn() {
  state.me = null;
  await navigate('#/');
}

function parseRoute() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const parts = hash.split('/').filter(Boolean);
  if (parts[0] === 'cases' && parts[1]) return { view: 'case', caseId: parts[1], section: parts[2] || null };
  if (parts[0] === 'audit') return { view: 'audit' };
  return { view: 'home' };
}

let routing = Promise.resolve();
function route() {
  routing = routing.then(doRoute, doRoute);
  return routing;
}

async function doRoute() {
  document.documentElement.lang = lang();
  document.title = t('app.name');
  if (!state.me) {
    try {
      state.me = await get('/v1/me');
    } catch (error) {
      state.me = null;
      renderHeader();
      if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) announce(error.readable || String(error), 'error');
      clear(main()).append(await renderSignIn({ announce, signedIn }));
      document.title = `${t('signin.title')} – ${t('app.name')}`;
      return;
    }
  }
  if (!state.process) {
    try { state.process = await get('/v1/process'); } catch { state.process = { stages: [], personRoles: [], decisionStatuses: [], reviewSources: [] }; }
  }
  renderHeader();
  const r = parseRoute();
  const ctx = { me: state.me, process: state.process, announce, navigate, route };
  const target = main();
  try {
    if (r.view === 'case' && (state.me.role === 'case_manager' || state.me.role === 'expert')) {
      if (state.currentCase === r.caseId && r.section && target.querySelector(`#sec-${CSS.escape(r.section)}`)) {
        focusSection(r.section);
        return;
      }
      state.currentCase = r.caseId;
      const view = await renderCase({ ...ctx, caseId: r.caseId });
      clear(target).append(view);
      if (r.section) focusSection(r.section); else focusMain();
      return;
    }
    state.currentCase = null;
    let view;
    if (state.me.role === 'auditor') view = await renderAudit(ctx);
    else if (state.me.role === 'case_manager' || state.me.role === 'expert') view = await renderHome(ctx);
    else view = renderElsewhere(ctx);
    clear(target).append(view);
    focusMain();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return; // the sign-in view is already shown
    clear(target).append(h('section', { class: 'panel' },
      h('h1', { text: t('error.title') }),
      h('p', { role: 'alert', text: r.view === 'case' && error instanceof ApiError && (error.status === 403 || error.status === 404) ? t('case.noAccess') : (error instanceof ApiError ? error.readable : String(error)) }),
      h('p', {}, h('a', { href: '#/', text: t('nav.back') }))));
    focusMain();
  }
}

function focusMain() {
  const heading = main().querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}

function focusSection(section) {
  const el = document.getElementById(`sec-${section}`);
  if (!el) return;
  const heading = el.querySelector('h2') || el;
  heading.setAttribute('tabindex', '-1');
  heading.focus();
  el.scrollIntoView({ block: 'start' });
}

/** Navigates to a hash route (re-renders even when the hash is unchanged). */
function navigate(hash) {
  if (location.hash === hash || (hash === '#/' && location.hash === '')) return route();
  location.hash = hash; // the hashchange event routes
  return routing;
}

setUnauthorizedHandler(() => {
  if (state.me) {
    state.me = null;
    announce(t('signin.expired'), 'error');
    route();
  }
});

onLanguageChange(() => {
  announce(null); // a message in the previous language would stay behind
  state.currentCase = null;
  route();
});

window.addEventListener('hashchange', route);
route();
