// Risk curve: the image, and its text alternative listing every point.
import { t, lang, fmtDate } from '../i18n.js';
import { h } from '../dom.js';
import { levelLabel } from '../labels.js';
import { caseSection } from './case-common.js';

export function riskCurveSection(ctx) {
  const { curve, summary, latestForm } = ctx.data;
  const points = curve.points.filter(p => !p.isChallenger);
  if (points.length === 0) return caseSection('risk', h('p', { class: 'muted', text: t('risk.empty') }));

  const language = latestForm && latestForm.languages.includes(lang()) ? `?language=${lang()}` : '';
  const tableId = 'risk-points';
  const img = h('img', {
    src: `/v1/cases/${summary.id}/risk-curve.png${language}`, class: 'risk-curve',
    alt: t('risk.alt', { count: points.length }), 'aria-describedby': tableId,
  });
  const table = h('table', { class: 'data', id: tableId },
    h('caption', { text: t('risk.tableCaption') }),
    h('thead', {}, h('tr', {}, ['risk.col.asOf', 'risk.col.level', 'risk.col.model', 'risk.col.assessed'].map(k => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, points.map(p => h('tr', {},
      h('td', { text: fmtDate(p.asOf) }),
      h('td', { text: p.level ? levelLabel(latestForm && latestForm.id === p.packageId ? latestForm : null, p.level) : t('assessment.unassessable') }),
      h('td', { text: `${p.packageId} ${p.packageVersion}` }),
      h('td', { text: fmtDate(p.assessedAt) })))));
  return caseSection('risk', h('figure', { class: 'risk-figure' }, img, h('figcaption', { class: 'hint', text: t('risk.caption') })), h('div', { class: 'table-wrap' }, table));
}
