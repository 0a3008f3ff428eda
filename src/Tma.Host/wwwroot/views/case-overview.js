// Overview: stage and the allowed next stages, owner, retention, next review (set/clear), members (add/remove).
import { put, post, del } from '../api.js';
import { t, fmtDate, fmtDateTime } from '../i18n.js';
import { h, field, select, formValues } from '../dom.js';
import { stageLabel, reviewSourceLabel, memberRoles, levelLabel } from '../labels.js';
import { conclusionShort } from './case-assessment.js';
import { caseSection, facts, dateField, dateToIso, inDays } from './case-common.js';
import { onSubmit } from './forms.js';

export function overviewSection(ctx) {
  const { summary, record } = ctx.data;
  const caseId = summary.id;
  const stage = ctx.process.stages.find(s => s.id === summary.status);
  const next = stage?.next ?? [];

  const stageBlock = h('div', { class: 'stage-block' },
    h('p', {}, h('span', { class: 'label', text: t('overview.stage') + ' ' }), h('span', { class: ['stage', 'stage-' + summary.status], text: stageLabel(ctx.process, summary.status) })));
  if (ctx.isManager && next.length > 0) {
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const group = h('div', { class: 'button-row', role: 'group', 'aria-label': t('overview.moveTo') },
      h('span', { class: 'label', text: t('overview.moveTo') }),
      next.map(id => h('button', {
        type: 'button', class: 'secondary', text: stageLabel(ctx.process, id), dataset: { stage: id },
        on: {
          click: async () => {
            error.hidden = true;
            try {
              await ctx.act('overview', () => put(`/v1/cases/${caseId}/status`, { status: id, expectedVersion: summary.version }), t('overview.moved', { stage: stageLabel(ctx.process, id) }));
            } catch (e) {
              error.textContent = e.readable || String(e);
              error.hidden = false;
              error.setAttribute('tabindex', '-1');
              error.focus();
            }
          },
        },
      })));
    stageBlock.append(group, error);
  }

  const review = record.review;
  const reviewText = review
    ? h('span', {}, fmtDate(review.dueAt), ' — ', reviewSourceLabel(ctx.process, review.source), review.reason ? ` (${review.reason})` : '')
    : h('span', { class: 'muted', text: t('review.none') });

  const content = [
    stageBlock,
    facts([
      [t('overview.priority'), priority(ctx)],
      ctx.data.tasks ? [t('overview.openTasks'), openTasks(ctx.data.tasks)] : null,
      [t('overview.subject'), h('span', {}, record.subjectReference, h('span', { class: 'hint', text: ' ' + t('overview.subjectHint') }))],
      [t('overview.category'), t('category.' + summary.category)],
      [t('overview.owner'), summary.ownerId],
      [t('overview.opened'), fmtDateTime(summary.createdAt)],
      [t('overview.retainUntil'), fmtDate(summary.retainUntil)],
      [t('overview.nextReview'), reviewText],
    ]),
  ];

  if (ctx.isManager && ctx.data.involved) content.push(reviewForm(ctx, review));
  content.push(members(ctx));
  return caseSection('overview', ...content);
}

/** The decided level in effect, else the model's latest result; and whether an override waits for four eyes. */
function priority(ctx) {
  const { decisions, latest, latestForm } = ctx.data;
  const decision = [...decisions].reverse().find(d => d.isInEffect);
  const pending = decisions.some(d => d.status === 'pending');
  const parts = [];
  if (decision) parts.push(h('strong', { text: levelLabel(latestForm, decision.decision.finalLevel) }), ' ', h('span', { class: 'small muted', text: t('home.byDecision') }));
  else if (latest) parts.push(h('strong', { text: conclusionShort(latest.assessment, latestForm) }), ' ', h('span', { class: 'small muted', text: t('home.byModel') }));
  else parts.push(h('span', { class: 'muted', text: t('home.notAssessed') }));
  if (pending) parts.push(h('span', { class: 'badge warn', text: t('home.overridePending') }));
  return h('span', {}, parts);
}

function openTasks(tasks) {
  const open = tasks.filter(task => task.status === 'open' || task.status === 'in_progress');
  const overdue = open.filter(task => task.isOverdue).length;
  return h('span', {}, String(open.length), overdue ? h('span', { class: 'badge danger', text: t('overview.overdueTasks', { count: overdue }) }) : null);
}

function reviewForm(ctx, review) {
  const { summary } = ctx.data;
  const form = h('form', { class: 'inline-form', novalidate: true, 'aria-labelledby': 'review-form-title' },
    h('h3', { id: 'review-form-title', text: t('review.formTitle') }),
    h('div', { class: 'form-grid' },
      dateField(t('review.date'), h('input', { type: 'date', name: 'dueAt', required: true, value: review ? review.dueAt.slice(0, 10) : inDays(28) })),
      field(t('review.reason'), h('input', { name: 'reason', autocomplete: 'off', maxlength: 500 }))),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'button-row' },
      h('button', { type: 'submit', class: 'secondary', text: t('review.set') }),
      review ? h('button', { type: 'button', class: 'secondary', id: 'clear-review', text: t('review.clear'), on: { click: clear } }) : null));
  onSubmit(form, async () => {
    const v = formValues(form);
    if (!v.dueAt) throw new Error(t('review.dateMissing'));
    await ctx.act('overview', () => put(`/v1/cases/${summary.id}/review`, { dueAt: dateToIso(v.dueAt, '08:00:00'), reason: v.reason || null, expectedVersion: summary.version }), t('review.saved'));
  });
  async function clear() {
    try {
      await ctx.act('overview', () => put(`/v1/cases/${summary.id}/review`, { dueAt: null, expectedVersion: summary.version }), t('review.cleared'));
    } catch (e) {
      const box = form.querySelector('.form-error');
      box.textContent = e.readable || String(e);
      box.hidden = false;
    }
  }
  return form;
}

function members(ctx) {
  const { summary, record } = ctx.data;
  const list = h('ul', { class: 'member-list' }, record.members.map(m => h('li', {},
    h('span', { text: `${m.userId} — ${t('memberRole.' + m.role)}` }),
    ctx.isManager ? h('button', {
      type: 'button', class: 'link-button', text: t('members.remove'), 'aria-label': t('members.removeNamed', { user: m.userId }),
      on: { click: () => ctx.act('overview', () => del(`/v1/cases/${summary.id}/members/${encodeURIComponent(m.userId)}?expectedVersion=${summary.version}`), t('members.removed', { user: m.userId })).catch(e => ctx.announce(e.readable || String(e), 'error')) },
    }) : null)));
  const block = h('div', { class: 'members' },
    h('h3', { text: t('members.title') }),
    record.members.length ? list : h('p', { class: 'muted', text: t('members.none') }));
  if (ctx.isManager) {
    const form = h('form', { class: 'inline-form', novalidate: true, id: 'add-member-form' },
      h('div', { class: 'form-grid' },
        field(t('members.user'), h('input', { name: 'userId', required: true, autocomplete: 'off', maxlength: 128 }), t('members.userHint')),
        field(t('members.role'), select('role', memberRoles.map(r => ({ value: r, label: t('memberRole.' + r) }))))),
      h('p', { class: 'form-error', role: 'alert', hidden: true }),
      h('button', { type: 'submit', class: 'secondary', text: t('members.add') }));
    onSubmit(form, async () => {
      const v = formValues(form);
      if (!v.userId) throw new Error(t('members.userMissing'));
      await ctx.act('overview', () => post(`/v1/cases/${summary.id}/members`, { userId: v.userId, role: v.role, expectedVersion: summary.version }), t('members.added', { user: v.userId }));
    });
    block.append(form);
  }
  return block;
}
