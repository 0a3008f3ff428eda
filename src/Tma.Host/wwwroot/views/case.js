// The case page: every section of one case, with an in-page navigation. Each section is its own module.
import { get, getOptional, ApiError } from '../api.js';
import { t, lang } from '../i18n.js';
import { h, append, shortId } from '../dom.js';
import { advisory, packageIds, tryForm } from '../labels.js';
import { overviewSection } from './case-overview.js';
import { personsSection } from './case-persons.js';
import { timelineSection } from './case-timeline.js';
import { riskCurveSection } from './case-riskcurve.js';
import { observationsSection } from './case-observations.js';
import { assessmentSection } from './case-assessment.js';
import { decisionsSection } from './case-decisions.js';
import { tasksSection } from './case-tasks.js';
import { notesSection } from './case-notes.js';
import { documentsSection } from './case-documents.js';

const chosenModel = new Map(); // case id -> package id the user chose on this page

export const sections = ['overview', 'persons', 'timeline', 'risk', 'observations', 'assessment', 'decisions', 'tasks', 'notes', 'documents'];

export async function renderCase(ctx) {
  const { caseId } = ctx;
  const record = await get(`/v1/cases/${caseId}`);
  const summary = record.summary;
  const involved = ctx.me.role === 'expert' || summary.ownerId === ctx.me.userId || record.members.some(m => m.userId === ctx.me.userId);
  const teamOnly = path => involved ? getOptional(path) : Promise.resolve(null);

  const [persons, timeline, curve, observations, assessments, decisions, tasks, notes, documents, packages] = await Promise.all([
    teamOnly(`/v1/cases/${caseId}/persons`),
    teamOnly(`/v1/cases/${caseId}/timeline`),
    get(`/v1/cases/${caseId}/risk-curve`),
    get(`/v1/cases/${caseId}/observations?includeSuperseded=true`), // corrected entries too, marked as such
    get(`/v1/cases/${caseId}/assessments`),
    get(`/v1/cases/${caseId}/decisions`),
    teamOnly(`/v1/cases/${caseId}/tasks`),
    teamOnly(`/v1/cases/${caseId}/notes`),
    get(`/v1/cases/${caseId}/documents`),
    packageIds(),
  ]);

  const champions = assessments.filter(a => !a.isChallenger);
  const latest = champions.at(-1) ?? null;
  if (!chosenModel.has(caseId)) chosenModel.set(caseId, latest?.assessment.model.id ?? (packages.includes('warning-behaviours-triage') ? 'warning-behaviours-triage' : packages[0]));
  const model = chosenModel.get(caseId);
  const [form, latestForm] = await Promise.all([
    model ? tryForm(model) : null,
    latest ? tryForm(`${latest.assessment.model.id}@${latest.assessment.model.version}`).then(f => f ?? tryForm(latest.assessment.model.id)) : null,
  ]);

  const page = h('div', { class: 'case-page' });
  const data = {
    record, summary, involved, persons, timeline, curve, observations, assessments, champions, latest, decisions,
    tasks, notes, documents, packages, model, form, latestForm,
  };

  const caseCtx = {
    ...ctx,
    data,
    isManager: ctx.me.role === 'case_manager',
    chooseModel: async id => {
      chosenModel.set(caseId, id);
      await reload('observations');
    },
    reload,
    /** Runs a write; reloads the page at the section with a message; a concurrency conflict reloads and says so. */
    act: async (section, write, message) => {
      try {
        const result = await write();
        await reload(section, message);
        return result;
      } catch (error) {
        if (error instanceof ApiError && error.isConflict) {
          await reload(section, t('error.conflict'), 'error');
          return null;
        }
        throw error;
      }
    },
  };

  async function reload(section, message, kind = 'success') {
    const fresh = await renderCase(ctx);
    page.replaceWith(fresh);
    if (message) ctx.announce(message, kind);
    const target = section && document.getElementById(`sec-${section}`);
    if (target) {
      const heading = target.querySelector('h2');
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  const title = t('case.title', { id: shortId(summary.id), category: t('category.' + summary.category) });
  document.title = `${title} – ${t('app.name')}`;

  const reportLink = h('a', {
    class: 'button', href: `/v1/cases/${caseId}/report?language=${lang()}`, target: '_blank', rel: 'noopener', id: 'print-report',
    text: t('case.printReport'),
  });

  const nav = h('nav', { class: 'case-nav', 'aria-label': t('case.navLabel') },
    h('ul', {}, sections.map(s => h('li', {}, h('a', { href: `#/cases/${caseId}/${s}`, text: t('case.sec.' + s) })))));

  append(page, [
    h('div', { class: 'case-head' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/', text: t('nav.backToCases') })),
      h('h1', { text: title }),
      h('div', { class: 'case-actions' }, reportLink, h('span', { class: 'hint', text: t('case.printHint') }))),
    advisory(),
    summary.isShredded ? h('p', { class: 'form-error', role: 'alert', text: t('case.shreddedNotice') }) : null,
    !involved ? h('p', { class: 'notice', text: t('case.notInvolved') }) : null,
    h('div', { class: 'case-layout' },
      nav,
      h('div', { class: 'case-sections' },
        overviewSection(caseCtx),
        personsSection(caseCtx),
        timelineSection(caseCtx),
        riskCurveSection(caseCtx),
        observationsSection(caseCtx),
        assessmentSection(caseCtx),
        decisionsSection(caseCtx),
        tasksSection(caseCtx),
        notesSection(caseCtx),
        documentsSection(caseCtx)))]);
  return page;
}
