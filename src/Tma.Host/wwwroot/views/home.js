// Home for case managers and experts: the case list, my open tasks, overrides waiting for me, and a new case.
import { get, post, getOptional, ApiError } from '../api.js';
import { t, fmtDate, fmtDateTime } from '../i18n.js';
import { h, field, select, formValues, shortId } from '../dom.js';
import { categories, stageLabel, levelLabel, tryForm, advisory } from '../labels.js';
import { showFormError, clearFormError } from './forms.js';

export async function renderHome(ctx) {
  const { me } = ctx;
  const soon = new Date(Date.now() + 7 * 86400000).toISOString();
  const [cases, tasks, due, pending] = await Promise.all([
    get('/v1/cases'),
    get('/v1/tasks?owner=me&status=open'),
    get(`/v1/reviews/due?before=${encodeURIComponent(soon)}`),
    me.role === 'case_manager' ? getOptional('/v1/decisions/pending') : Promise.resolve([]),
  ]);

  const page = h('div', { class: 'home' },
    h('h1', { text: t('home.title') }),
    advisory());

  page.append(await caseList(ctx, cases, due));
  if (me.role === 'case_manager') page.append(pendingList(pending ?? []));
  page.append(taskList(tasks));
  if (me.role === 'case_manager') page.append(newCaseForm(ctx));
  return page;
}

async function caseList(ctx, cases, due) {
  const section = h('section', { class: 'panel', 'aria-labelledby': 'cases-title', id: 'case-list' },
    h('h2', { id: 'cases-title', text: t('home.cases') }));
  if (cases.length === 0) {
    section.append(h('p', { text: t('home.noCases') }));
    return section;
  }

  const dueByCase = new Map((due ?? []).map(d => [d.caseId, d]));
  // Every case's priority in one (audited) read; the model forms only label the levels (one per package version).
  let priorities = null;
  let failure = null;
  try {
    priorities = new Map((await get('/v1/cases/priorities')).map(p => [p.caseId, p]));
  } catch (error) {
    failure = error;
  }
  const rows = await Promise.all(cases.map(async c => ({ c, priority: await priorityCell(c, priorities?.get(c.id), failure) })));
  const table = h('table', { class: 'data' },
    h('caption', { class: 'sr-only', text: t('home.casesCaption') }),
    h('thead', {}, h('tr', {}, ['home.col.case', 'home.col.category', 'home.col.stage', 'home.col.priority', 'home.col.review', 'home.col.owner', 'home.col.updated']
      .map(k => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, rows.map(({ c, priority }) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `#/cases/${c.id}`, class: 'case-link', text: t('case.short', { id: shortId(c.id) }) })),
      h('td', { text: t('category.' + c.category) }),
      h('td', {}, h('span', { class: ['stage', 'stage-' + c.status], text: stageLabel(ctx.process, c.status) })),
      h('td', {}, priority),
      h('td', {}, reviewCell(c, dueByCase.get(c.id))),
      h('td', { text: c.ownerId }),
      h('td', { text: fmtDateTime(c.updatedAt) }))))); 
  section.append(h('div', { class: 'table-wrap' }, table));
  return section;
}

const formsByPackage = new Map();
/** The form of a package version (else of its current version), to label levels; null when neither is in service. */
function formOf(packageId, packageVersion) {
  if (!packageId) return Promise.resolve(null);
  const key = `${packageId}@${packageVersion}`;
  if (!formsByPackage.has(key)) formsByPackage.set(key, tryForm(key).then(form => form ?? tryForm(packageId)));
  return formsByPackage.get(key);
}

/** Priority = the latest decision in effect (its final level), else the latest assessment's level (GET /v1/cases/priorities). */
async function priorityCell(c, p, failure) {
  if (c.isShredded) return h('span', { class: 'muted', text: t('case.shredded') });
  if (!p) return h('span', { class: 'muted', text: failure instanceof ApiError ? failure.readable : '?' });
  if (p.source === 'unavailable') return h('span', { class: 'muted', text: t('error.code.content-unavailable') });
  const form = await formOf(p.packageId, p.packageVersion);
  const parts = [];
  if (p.source === 'decision') {
    parts.push(h('span', { class: 'level', text: levelLabel(form, p.level) }), h('span', { class: 'small muted', text: ' ' + t('home.byDecision') }));
  } else if (p.source === 'model') {
    const level = p.conclusion === 'unassessable' || !p.level ? t('assessment.unassessable')
      : p.conclusion === 'lowerBound' ? t('assessment.atLeast', { level: levelLabel(form, p.level) })
      : levelLabel(form, p.level);
    parts.push(h('span', { class: 'level', text: level }), h('span', { class: 'small muted', text: ' ' + t('home.byModel') }));
  } else {
    parts.push(h('span', { class: 'muted', text: t('home.notAssessed') }));
  }
  if (p.pendingOverride) parts.push(h('span', { class: 'badge warn', text: t('home.overridePending') }));
  return h('span', {}, parts);
}

function reviewCell(c, due) {
  if (!c.nextReviewAt) return h('span', { class: 'muted', text: t('review.none') });
  const when = h('span', { text: fmtDate(c.nextReviewAt) + ' ' });
  const dueAt = new Date(c.nextReviewAt).getTime();
  if (due && due.overdueDays > 0 || dueAt < Date.now()) return h('span', {}, when, h('span', { class: 'badge danger', text: t('review.overdue') }));
  if (due) return h('span', {}, when, h('span', { class: 'badge warn', text: t('review.due') }));
  return when;
}

function taskList(tasks) {
  const section = h('section', { class: 'panel', 'aria-labelledby': 'mytasks-title', id: 'my-tasks' },
    h('h2', { id: 'mytasks-title', text: t('home.myTasks') }));
  if (tasks.length === 0) {
    section.append(h('p', { text: t('home.noTasks') }));
    return section;
  }
  section.append(h('ul', { class: 'cards' }, tasks.map(task => h('li', { class: 'card' },
    h('a', { href: `#/cases/${task.caseId}/tasks`, text: task.title }),
    h('p', { class: 'small' },
      t('task.status.' + task.status), ' · ', t('task.dueOn', { date: fmtDate(task.dueAt) }), ' · ', t('case.short', { id: shortId(task.caseId) }),
      task.isOverdue ? h('span', { class: 'badge danger', text: t('task.overdue') }) : null)))));
  return section;
}

function pendingList(pending) {
  const section = h('section', { class: 'panel', 'aria-labelledby': 'pending-title', id: 'pending-overrides' },
    h('h2', { id: 'pending-title', text: t('home.pending') }),
    h('p', { class: 'hint', text: t('home.pendingHint') }));
  if (pending.length === 0) {
    section.append(h('p', { text: t('home.noPending') }));
    return section;
  }
  section.append(h('ul', { class: 'cards' }, pending.map(p => h('li', { class: 'card' },
    h('a', { href: `#/cases/${p.caseId}/decisions`, text: t('home.pendingItem', { id: shortId(p.caseId), user: p.decidedBy }) }),
    h('p', { class: 'small' }, fmtDateTime(p.decidedAt), ' · ', p.canConfirm ? t('home.canConfirm') : t('home.ownOverride'))))));
  return section;
}

function newCaseForm(ctx) {
  const inTwoYears = new Date(Date.now() + 2 * 365 * 86400000).toISOString().slice(0, 10);
  const form = h('form', { class: 'new-case', novalidate: true, id: 'new-case-form' },
    h('div', { class: 'form-grid' },
      field(t('newCase.subject'), h('input', { name: 'subjectReference', required: true, autocomplete: 'off', maxlength: 512 }), t('newCase.subjectHint')),
      field(t('newCase.category'), select('category', categories.map(c => ({ value: c, label: t('category.' + c) })))),
      field(t('newCase.retainUntil'), h('input', { name: 'retainUntil', type: 'date', required: true, value: inTwoYears }), t('newCase.retainHint'))),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary', text: t('newCase.submit') }));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearFormError(form);
    const v = formValues(form);
    if (!v.subjectReference) return showFormError(form, t('newCase.subjectMissing'), 'subjectReference');
    if (!v.retainUntil) return showFormError(form, t('newCase.retainMissing'), 'retainUntil');
    try {
      const created = await post('/v1/cases', { subjectReference: v.subjectReference, category: v.category, retainUntil: `${v.retainUntil}T00:00:00Z` });
      ctx.announce(t('newCase.done'), 'success');
      ctx.navigate(`#/cases/${created.id}`);
    } catch (error) {
      showFormError(form, error);
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'newcase-title', id: 'new-case' },
    h('h2', { id: 'newcase-title', text: t('newCase.title') }),
    form);
}
