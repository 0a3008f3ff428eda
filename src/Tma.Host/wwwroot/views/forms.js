// Form errors: shown in the form (role=alert), the faulty control marked aria-invalid and focused.
import { ApiError } from '../api.js';
import { h } from '../dom.js';

export function showFormError(form, error, fieldName) {
  let box = form.querySelector(':scope > .form-error, .form-error');
  if (!box) {
    box = h('p', { class: 'form-error', role: 'alert' });
    form.append(box);
  }
  const message = error instanceof ApiError ? error.readable : String(error?.message ?? error);
  box.textContent = message;
  box.hidden = false;
  const name = fieldName || (error instanceof ApiError ? error.field || (/^([\w.]+):/.exec(error.errors[0] || '') || [])[1] : null);
  const control = name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  } else {
    box.setAttribute('tabindex', '-1');
    box.focus();
  }
}

export function clearFormError(form) {
  for (const box of form.querySelectorAll('.form-error')) {
    box.hidden = true;
    box.textContent = '';
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
}

/** Wires a form: submit → handler(values); errors shown in the form; the button disabled while it runs. */
export function onSubmit(form, handler) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearFormError(form);
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      await handler(event);
    } catch (error) {
      showFormError(form, error);
    } finally {
      if (button && button.isConnected) button.disabled = false;
    }
  });
  return form;
}
