// Sign-in: OpenID Connect when the host offers it; the development token form when the host runs in development mode.
import { get, post, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { h, field } from '../dom.js';

export async function renderSignIn({ announce, signedIn }) {
  let options = { oidc: false, development: false };
  try {
    options = await get('/auth/options');
  } catch {
    // leave both off: the page says no sign-in is configured
  }

  const section = h('section', { class: 'panel signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title', text: t('signin.title') }),
    h('p', { text: t('signin.intro') }));

  if (options.oidc) {
    section.append(h('p', {}, h('a', { class: 'button primary', href: '/auth/oidc/signin', id: 'oidc-signin', text: t('signin.oidc') })));
  }

  if (options.development) {
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const token = h('textarea', { name: 'token', rows: 5, required: true, autocomplete: 'off', spellcheck: 'false', class: 'mono', id: 'dev-token' });
    const form = h('form', { class: 'dev-signin', novalidate: true },
      h('h2', { text: t('signin.devTitle') }),
      h('p', { class: 'hint warning', text: t('signin.devWarning') }),
      field(t('signin.tokenLabel'), token, t('signin.tokenHint')),
      error,
      h('button', { type: 'submit', class: 'primary', text: t('signin.submit') }));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      error.hidden = true;
      const value = token.value.trim();
      if (!value) {
        error.textContent = t('signin.tokenMissing');
        error.hidden = false;
        token.setAttribute('aria-invalid', 'true');
        token.focus();
        return;
      }
      try {
        await post('/auth/development', { token: value });
        token.value = '';
        announce(t('signin.done'), 'success');
        await signedIn();
      } catch (e) {
        error.textContent = e instanceof ApiError && e.status === 401 ? t('signin.tokenInvalid') : (e.readable || String(e));
        error.hidden = false;
        token.setAttribute('aria-invalid', 'true');
        token.focus();
      }
    });
    section.append(form);
  }

  if (!options.oidc && !options.development) section.append(h('p', { class: 'form-error', role: 'alert', text: t('signin.none') }));
  return section;
}
