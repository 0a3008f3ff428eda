// Timeline: the case's events, oldest first (GET /v1/cases/{id}/timeline).
import { t, fmtDateTime, pick } from '../i18n.js';
import { h } from '../dom.js';
import { caseSection } from './case-common.js';

export function timelineSection(ctx) {
  const { timeline, involved } = ctx.data;
  if (!involved) return caseSection('timeline', h('p', { class: 'muted', text: t('timeline.notInvolved') }));
  if (!timeline) return caseSection('timeline', h('p', { class: 'muted', text: t('timeline.unavailable') }));
  if (timeline.events.length === 0) return caseSection('timeline', h('p', { class: 'muted', text: t('timeline.empty') }));
  return caseSection('timeline', h('ol', { class: 'timeline' }, timeline.events.map(e => h('li', { class: ['event', 'event-' + e.kind] },
    h('p', { class: 'event-head' },
      h('time', { datetime: e.at, text: fmtDateTime(e.at) }),
      h('span', { class: 'badge', text: t('timeline.kind.' + e.kind, {}, e.kind) }),
      h('strong', { text: pick(e.title) })),
    e.detail ? h('p', { class: 'event-detail', text: pick(e.detail) }) : null,
    e.actorId ? h('p', { class: 'small muted', text: t('timeline.by', { user: e.actorId }) }) : null))));
}
