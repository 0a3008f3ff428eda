// Shared pieces of the case page's sections.
import { t } from '../i18n.js';
import { h } from '../dom.js';

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
