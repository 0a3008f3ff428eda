// Shared pieces of the case page's sections.
import { t, fmtDateLong } from '../i18n.js';
import { h, field, uid } from '../dom.js';

/** A case-page section with its heading (h2) and the given content. */
export function caseSection(id, ...children) {
  return h('section', { id: `sec-${id}`, class: 'panel case-section', 'aria-labelledby': `sec-${id}-title` },
    h('h2', { id: `sec-${id}-title`, text: t('case.sec.' + id) }),
    ...children);
}

/** A definition list from [term, description] pairs (descriptions may be nodes). */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).flatMap(([term, description]) => [h('dt', { text: term }), h('dd', {}, description)]));
}

/**
 * A labelled date input that also shows the chosen date as text in the UI language: the native picker follows the
 * browser's locale, which may not be the language chosen here. The text is a hint tied with aria-describedby.
 */
export function dateField(labelText, input, hintText) {
  const wrapper = field(labelText, input, hintText);
  const echo = h('p', { class: 'hint date-echo', id: uid('date') });
  const update = () => {
    const text = fmtDateLong(input.value);
    echo.textContent = text ? t('date.chosen', { date: text }) : '';
    echo.hidden = !text;
  };
  input.addEventListener('input', update);
  input.addEventListener('change', update);
  update();
  input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), echo.id].filter(Boolean).join(' '));
  wrapper.append(echo);
  return wrapper;
}

/** An ISO instant for a date input's value (yyyy-mm-dd), at the given UTC time of day. */
export function dateToIso(value, time = '00:00:00') {
  return value ? `${value}T${time}Z` : null;
}

export function today() {
  return new Date().toISOString().slice(0, 10);
}

export function inDays(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}
