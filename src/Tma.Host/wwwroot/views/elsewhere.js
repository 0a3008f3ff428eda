// Researchers and administrators do their work through the command line and the API; the UI shows no case content.
import { t } from '../i18n.js';
import { h } from '../dom.js';

export function renderElsewhere({ me }) {
  const role = me.role;
  return h('section', { class: 'panel', 'aria-labelledby': 'elsewhere-title' },
    h('h1', { id: 'elsewhere-title', text: t('elsewhere.title') }),
    h('p', { text: t('elsewhere.' + role) }),
    h('p', { class: 'hint', text: t('elsewhere.noContent') }));
}
