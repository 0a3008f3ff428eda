// Tasks: created from a recommended action or free; owner from the case team; start, complete with a note, cancel
// with a reason.
import { post, put } from '../api.js';
import { t, fmtDate, fmtDateTime, pick } from '../i18n.js';
import { h, field, select, formValues } from '../dom.js';
import { caseSection, dateField, dateToIso, inDays } from './case-common.js';
import { onSubmit } from './forms.js';
import { actionStep } from './case-assessment.js';

export function tasksSection(ctx) {
  const { tasks, involved } = ctx.data;
  if (!involved || tasks === null) return caseSection('tasks', h('p', { class: 'muted', text: t('task.notInvolved') }));
  const content = [];
  if (tasks.length === 0) content.push(h('p', { class: 'muted', text: t('task.none') }));
  else content.push(h('ul', { class: 'tasks' }, tasks.map(task => taskItem(ctx, task))));
  // Where the form would be, an expert learns why there is none (the task's owner still starts and completes it).
  content.push(ctx.isManager ? taskForm(ctx) : h('p', { class: 'muted', id: 'task-managers-only', text: t('task.managersOnly') }));
  return caseSection('tasks', ...content);
}

function taskItem(ctx, task) {
  const { summary } = ctx.data;
  const mine = task.ownerId === ctx.me.userId;
  const canWork = ctx.isManager || mine;
  const open = task.status === 'open' || task.status === 'in_progress';
  const item = h('li', { class: ['task', 'task-' + task.status], dataset: { task: task.id } },
    h('p', { class: 'task-head' },
      h('strong', { class: 'task-title', text: task.title }),
      h('span', { class: ['badge', task.status === 'done' ? 'ok' : (task.status === 'cancelled' ? 'muted-badge' : 'warn')], text: t('task.status.' + task.status) }),
      task.isOverdue ? h('span', { class: 'badge danger', text: t('task.overdue') }) : null),
    task.description ? h('p', { text: task.description }) : null,
    h('p', { class: 'small', text: t('task.meta', { owner: task.ownerId, date: fmtDate(task.dueAt) }) }),
    task.fromAssessment ? h('p', { class: 'small muted', text: t('task.fromAction') }) : null);
  if (task.status === 'done') item.append(h('p', { class: 'completion' }, h('span', { class: 'label', text: t('task.doneBy', { user: task.completedBy, date: fmtDateTime(task.completedAt) }) + ' ' }), task.completionNote));
  if (task.status === 'cancelled') item.append(h('p', { class: 'completion' }, h('span', { class: 'label', text: t('task.cancelledBy', { user: task.cancelledBy, date: fmtDateTime(task.cancelledAt) }) + ' ' }), task.cancellationReason));

  if (open && canWork) {
    const update = body => ctx.act('tasks', () => put(`/v1/cases/${summary.id}/tasks/${task.id}`, { expectedVersion: task.version, ...body }), null);
    const row = h('div', { class: 'button-row' });
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const guard = fn => async () => {
      error.hidden = true;
      try { await fn(); } catch (e) { error.textContent = e.readable || String(e.message ?? e); error.hidden = false; error.setAttribute('tabindex', '-1'); error.focus(); }
    };
    if (task.status === 'open') {
      row.append(h('button', { type: 'button', class: 'secondary', text: t('task.start'), 'aria-label': t('task.startNamed', { title: task.title }), on: { click: guard(async () => { await update({ status: 'in_progress' }); ctx.announce(t('task.started'), 'success'); }) } }));
    } else {
      row.append(h('button', { type: 'button', class: 'secondary', text: t('task.putBack'), 'aria-label': t('task.putBackNamed', { title: task.title }), on: { click: guard(async () => { await update({ status: 'open' }); ctx.announce(t('task.putBackDone'), 'success'); }) } }));
    }
    item.append(row, error);

    const complete = h('form', { class: 'inline-form complete-form', novalidate: true },
      field(t('task.completionNote'), h('textarea', { name: 'completionNote', rows: 2, maxlength: 4000 }), t('task.completionHint')),
      h('p', { class: 'form-error', role: 'alert', hidden: true }),
      h('button', { type: 'submit', class: 'primary', text: t('task.complete') }));
    onSubmit(complete, async () => {
      const v = formValues(complete);
      if (!v.completionNote) throw new Error(t('task.noteMissing'));
      await update({ status: 'done', completionNote: v.completionNote });
      ctx.announce(t('task.completed'), 'success');
    });
    const forms = task.status === 'in_progress' ? [complete] : [];
    if (ctx.isManager) {
      const cancel = h('form', { class: 'inline-form cancel-form', novalidate: true },
        field(t('task.cancelReason'), h('input', { name: 'cancellationReason', autocomplete: 'off', maxlength: 2000 })),
        h('p', { class: 'form-error', role: 'alert', hidden: true }),
        h('button', { type: 'submit', class: 'danger', text: t('task.cancel') }));
      onSubmit(cancel, async () => {
        const v = formValues(cancel);
        if (!v.cancellationReason) throw new Error(t('task.reasonMissing'));
        await update({ status: 'cancelled', cancellationReason: v.cancellationReason });
        ctx.announce(t('task.cancelled'), 'success');
      });
      forms.push(cancel);
    }
    item.append(h('div', { class: 'two-col' }, forms));
  }
  return item;
}

function taskForm(ctx) {
  const { summary, record, latest, latestForm } = ctx.data;
  const owners = [...new Set([summary.ownerId, ...record.members.map(m => m.userId)])];
  const actions = latest?.assessment.actions ?? [];
  const step = action => actionStep(latestForm, action);
  const fromAction = select('fromAction', [{ value: '', label: t('task.free') }, ...actions.map(a => ({ value: a.id, label: step(a) }))], { id: 'task-from-action' });
  const title = h('input', { name: 'title', autocomplete: 'off', maxlength: 500, id: 'task-title' });
  const form = h('form', { class: 'task-form', novalidate: true, id: 'task-form', 'aria-labelledby': 'task-form-title' },
    h('h3', { id: 'task-form-title', text: t('task.formTitle') }),
    h('div', { class: 'form-grid' },
      actions.length ? field(t('task.fromActionLabel'), fromAction, t('task.fromActionHint')) : null,
      field(t('task.title'), title, t('task.titleHint')),
      field(t('task.owner'), select('ownerId', owners.map(o => ({ value: o, label: o === summary.ownerId ? t('task.ownerCaseOwner', { user: o }) : o }))), t('task.ownerHint')),
      dateField(t('task.due'), h('input', { type: 'date', name: 'dueAt', value: inDays(7), required: true })),
      field(t('task.description'), h('textarea', { name: 'description', rows: 2, maxlength: 4000 }))),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary', text: t('task.create') }));
  onSubmit(form, async () => {
    const v = formValues(form);
    if (!v.fromAction && !v.title) throw new Error(t('task.titleMissing'));
    if (!v.dueAt) throw new Error(t('task.dueMissing'));
    await ctx.act('tasks', () => post(`/v1/cases/${summary.id}/tasks`, {
      title: v.title || (v.fromAction ? step(actions.find(a => a.id === v.fromAction)) : null), description: v.description || null, ownerId: v.ownerId, dueAt: dateToIso(v.dueAt, '16:00:00'),
      fromAssessment: v.fromAction ? { assessmentId: latest.id, actionId: v.fromAction } : null,
    }), t('task.created'));
  });

  ctx.prefillTask = (assessmentId, actionId) => {
    fromAction.value = actionId;
    fromAction.focus();
    form.scrollIntoView({ block: 'start' });
    ctx.announce(t('task.prefilled'), 'info');
  };
  return form;
}
