// The audit view for auditors: the hash-chained trail, paged, and the chain's verification. No case content.
import { get } from '../api.js';
import { t, fmtDateTime } from '../i18n.js';
import { h, clear, shortId } from '../dom.js';

const pageSize = 50;

export async function renderAudit(ctx) {
  const verification = await get('/v1/audit/verify');
  const total = verification.entriesChecked;
  // Entries are numbered 1, 2, … in the tenant's chain; the view opens on the newest page.
  let after = Math.max(0, total - pageSize);
  const first = await get(`/v1/audit?after=${after}&limit=${pageSize}`);
  const tableHolder = h('div', { class: 'table-wrap', id: 'audit-table' });
  const pager = h('div', { class: 'button-row pager' });
  const position = h('p', { class: 'small muted', 'aria-live': 'polite' });

  function show(entries) {
    clear(tableHolder).append(h('table', { class: 'data audit' },
      h('caption', { text: t('audit.caption') }),
      h('thead', {}, h('tr', {}, ['audit.col.seq', 'audit.col.at', 'audit.col.actor', 'audit.col.action', 'audit.col.outcome', 'audit.col.case', 'audit.col.detail'].map(k => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, entries.map(e => h('tr', { class: e.outcome === 'allowed' ? null : 'outcome-' + e.outcome },
        h('td', { text: String(e.sequence) }),
        h('td', { text: fmtDateTime(e.at) }),
        h('td', { text: `${e.actorId} (${t('role.' + e.actorRole, {}, e.actorRole)})` }),
        h('td', { class: 'mono', text: e.action }),
        h('td', { text: t('audit.outcome.' + e.outcome, {}, e.outcome) }),
        h('td', { class: 'mono', text: e.caseId ? shortId(e.caseId) : '—' }),
        h('td', { class: 'small', text: e.detail || '' }))))));
    const from = entries[0]?.sequence;
    const to = entries.at(-1)?.sequence;
    position.textContent = entries.length ? t('audit.position', { from, to, total }) : t('audit.empty');
    clear(pager).append(
      h('button', { type: 'button', class: 'secondary', text: t('audit.oldest'), disabled: after === 0, on: { click: () => go(0) } }),
      h('button', { type: 'button', class: 'secondary', text: t('audit.previous'), disabled: after === 0, on: { click: () => go(Math.max(0, after - pageSize)) } }),
      h('button', { type: 'button', class: 'secondary', text: t('audit.next'), disabled: entries.length < pageSize || to >= total, on: { click: () => go(to) } }),
      h('button', { type: 'button', class: 'secondary', text: t('audit.newest'), disabled: to >= total, on: { click: () => go(Math.max(0, total - pageSize)) } }));
  }

  async function go(newAfter) {
    try {
      const entries = await get(`/v1/audit?after=${newAfter}&limit=${pageSize}`);
      after = newAfter;
      show(entries);
      const caption = tableHolder.querySelector('caption');
      caption?.setAttribute('tabindex', '-1');
      caption?.focus();
    } catch (error) {
      ctx.announce(error.readable || String(error), 'error');
    }
  }

  show(first);
  const verdict = verification.isValid
    ? h('div', { class: 'verify ok', role: 'status' }, h('p', { class: 'verify-title', text: t('audit.valid') }), h('p', { text: t('audit.validText', { count: verification.entriesChecked }) }))
    : h('div', { class: 'verify broken', role: 'alert' }, h('p', { class: 'verify-title', text: t('audit.broken') }), h('p', { text: t('audit.brokenText', { seq: verification.firstBrokenSequence ?? '?', problem: verification.problem ?? '' }) }));

  return h('div', { class: 'audit-page' },
    h('h1', { text: t('audit.title') }),
    h('p', { class: 'hint', text: t('audit.intro') }),
    h('section', { class: 'panel', 'aria-labelledby': 'verify-title' },
      h('h2', { id: 'verify-title', text: t('audit.verifyTitle') }),
      verdict,
      h('p', { class: 'small mono', text: t('audit.head', { hash: verification.headHash }) })),
    h('section', { class: 'panel', 'aria-labelledby': 'trail-title' },
      h('h2', { id: 'trail-title', text: t('audit.trailTitle') }),
      position, tableHolder, pager));
}
