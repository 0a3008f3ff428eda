// Assess: run a model on the current observations and show the explained assessment. Advisory: a professional decides.
import { post } from '../api.js';
import { t, lang, fmtDate, fmtDateTime, pick } from '../i18n.js';
import { h, field, select } from '../dom.js';
import { levelLabel, inputLabel, valueLabel } from '../labels.js';
import { caseSection, facts } from './case-common.js';
import { onSubmit } from './forms.js';

export function assessmentSection(ctx) {
  const { latest, latestForm, champions, packages, model, summary } = ctx.data;
  const chooser = select('model', packages.map(id => ({ value: id, label: id, selected: id === model })), { id: 'assess-model' });
  const run = h('form', { class: 'inline-form', novalidate: true, id: 'assess-form' },
    h('div', { class: 'form-grid' }, field(t('assess.model'), chooser, t('assess.modelHint'))),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary', text: t('assess.run') }));
  onSubmit(run, () => ctx.act('assessment', () => post(`/v1/cases/${summary.id}/assessments`, { model: chooser.value }), t('assess.done')));

  const content = [run];
  if (!latest) content.push(h('p', { class: 'muted', text: t('assess.none') }));
  else content.push(explained(ctx, latest, latestForm));
  if (champions.length > 1) {
    content.push(h('details', { class: 'earlier' },
      h('summary', { text: t('assess.earlier', { count: champions.length - 1 }) }),
      h('ul', {}, champions.slice(0, -1).reverse().map(a => h('li', {
        text: `${fmtDateTime(a.enteredAt)} — ${a.assessment.model.id} ${a.assessment.model.version}: ${conclusionShort(a.assessment, null)}`,
      })))));
  }
  return caseSection('assessment', ...content);
}

function sameLanguage(assessment) {
  return assessment.language === lang();
}

function conclusionShort(a, form) {
  if (a.conclusion === 'unassessable' || !a.level) return t('assessment.unassessable');
  const label = form ? levelLabel(form, a.level) : (a.levelLabel || a.level);
  return a.conclusion === 'lowerBound' ? t('assessment.atLeast', { level: label }) : label;
}

function indicatorText(form, indicator, key) {
  const own = form?.indicators?.find(i => i.id === indicator.id);
  return own && own[key] ? pick(own[key]) : indicator[key];
}

/** The engine's information-gathering steps, in the reader's language (they name the inputs in `because`). */
const gatheringSteps = ['gather-key-items', 'gather-missing', 'resolve-contradiction', 'refresh-stale'];

export function actionStep(form, action) {
  const own = form?.actions?.find(a => a.id === action.id);
  if (own && own.step) return pick(own.step);
  const inputs = (action.because || []).filter(b => b.startsWith('input:')).map(b => b.slice('input:'.length));
  if (gatheringSteps.includes(action.id) && inputs.length && form) {
    return t('step.' + action.id, { items: inputs.map(i => inputLabel(form, i)).join('; ') });
  }
  return action.step;
}

export function explained(ctx, record, form) {
  const a = record.assessment;
  const box = h('article', { class: 'assessment', id: 'latest-assessment', 'aria-labelledby': 'assessment-title' });
  box.append(h('h3', { id: 'assessment-title', text: t('assess.latest') }));
  box.append(h('p', { class: 'small muted', text: t('assess.meta', { model: `${a.model.id} ${a.model.version}`, date: fmtDateTime(record.enteredAt), user: record.enteredBy, asOf: a.asOf ? fmtDate(a.asOf) : '—' }) }));

  // The conclusion: read first. "At least" and "unassessable" are never shown as a plain level.
  const levelInfo = form?.levels.find(l => l.id === a.level);
  const conclusion = h('div', { class: ['conclusion', 'conclusion-' + a.conclusion] });
  if (a.conclusion === 'unassessable' || !a.level) {
    conclusion.append(h('p', { class: 'conclusion-level', text: t('assessment.unassessable') }), h('p', { text: t('assessment.unassessableText') }));
  } else if (a.conclusion === 'lowerBound') {
    conclusion.append(h('p', { class: 'conclusion-level', text: t('assessment.atLeast', { level: levelLabel(form, a.level) }) }), h('p', { text: t('assessment.lowerBoundText') }));
  } else {
    conclusion.append(h('p', { class: 'conclusion-level', text: t('assessment.result', { level: levelLabel(form, a.level) }) }));
  }
  if (levelInfo?.description) conclusion.append(h('p', { class: 'level-description', text: pick(levelInfo.description) }));
  if (a.possibleLevels) conclusion.append(h('p', { text: t('assessment.possible', { lowest: levelLabel(form, a.possibleLevels.lowest), highest: levelLabel(form, a.possibleLevels.highest) }) }));
  if (sameLanguage(a) && a.conclusionText) conclusion.append(h('p', { class: 'model-text', text: a.conclusionText }));
  box.append(conclusion);

  // What is not known or out of date: shown as such, never as reassurance.
  const missing = a.missing || {};
  const unknownItems = [...new Set([...(missing.keyItems || []), ...(missing.omitted || [])])];
  const stale = missing.stale || [];
  if (unknownItems.length || stale.length) {
    const gaps = h('div', { class: 'gaps', role: 'note', 'aria-labelledby': 'gaps-title' },
      h('h4', { id: 'gaps-title', text: t('assessment.gapsTitle') }),
      h('p', { text: t('assessment.gapsText') }));
    if (unknownItems.length) {
      gaps.append(h('p', { class: 'label', text: t('assessment.unknown') }), h('ul', { class: 'unknown-items' }, unknownItems.map(id => h('li', {},
        inputLabel(form, id), (missing.keyItems || []).includes(id) ? h('span', { class: 'badge key', text: t('obs.keyItem') }) : null))));
    }
    if (stale.length) {
      gaps.append(h('p', { class: 'label', text: t('assessment.stale') }), h('ul', { class: 'stale-items' }, stale.map(s => h('li', {
        text: t('assessment.staleItem', { item: inputLabel(form, s.input), validFor: s.validFor }),
      }))));
    }
    if (sameLanguage(a) && missing.message) gaps.append(h('p', { class: 'model-text', text: missing.message }));
    box.append(gaps);
  }

  // Why: every indicator that fired, with its reason and the evidence it read.
  const indicators = a.indicators || [];
  box.append(h('h4', { text: t('assessment.why') }));
  if (indicators.length === 0) {
    box.append(h('p', { text: t('assessment.noIndicator') }));
  } else {
    box.append(h('ul', { class: 'indicators' }, indicators.map(i => h('li', {},
      h('p', {}, h('strong', { text: indicatorText(form, i, 'label') }), ' — ', indicatorText(form, i, 'reason')),
      i.evidence?.length ? h('ul', { class: 'evidence' }, i.evidence.map(e => h('li', {
        text: `${inputLabel(form, e.input)}: ${valueLabel(form, e.input, e.value)}${e.observedAt ? ' (' + fmtDate(e.observedAt) + ')' : ''}`,
      }))) : null))));
  }

  // Sources that disagree.
  if (a.contradictions?.length) {
    box.append(h('h4', { text: t('assessment.contradictions') }), h('ul', { class: 'contradictions' }, a.contradictions.map(c => h('li', {},
      h('strong', { text: inputLabel(form, c.input) }),
      h('ul', {}, c.reports.map(r => h('li', { text: `${valueLabel(form, c.input, r.value)} — ${fmtDate(r.observedAt)}${r.source ? ', ' + r.source : ''}${r.reliability ? ', ' + t('reliability.' + snake(r.reliability), {}, r.reliability) : ''}` }))),
      c.used ? h('p', { class: 'small', text: t('assessment.used', { value: valueLabel(form, c.input, c.used) }) }) : null))));
  }

  // The model's support for the assessor's summary judgement.
  if (a.judgement) {
    const field = form?.judgement.find(f => f.id === a.judgement.field);
    const rating = field?.values?.find(v => v.id === a.judgement.rating);
    const text = rating ? t(a.judgement.atLeast ? 'assessment.supportsAtLeast' : 'assessment.supports', { field: pick(field.label), rating: pick(rating.label) }) : (a.judgement.statement || '');
    box.append(h('p', { class: 'judgement-support', text: text + ' ' + t('assessment.supportsNote') }));
  }

  // Recommended actions, most urgent first; each can become a task.
  const actions = a.actions || [];
  if (actions.length) {
    box.append(h('h4', { text: t('assessment.actions') }), h('ul', { class: 'actions' }, actions.map(action => h('li', { class: 'action' },
      h('p', {}, h('span', { class: ['badge', 'urgency-' + action.urgency], text: t('urgency.' + action.urgency, {}, action.urgency) }), ' ', actionStep(form, action)),
      action.experts?.length ? h('p', { class: 'small muted', text: t('assessment.experts', { experts: action.experts.map(e => t('expert.' + e, {}, e)).join(', ') }) }) : null,
      ctx.isManager && ctx.data.involved ? h('button', {
        type: 'button', class: 'link-button', text: t('assessment.makeTask'), 'aria-label': t('assessment.makeTaskNamed', { step: actionStep(form, action) }),
        on: { click: () => ctx.prefillTask?.(record.id, action.id) },
      }) : null))));
  }

  box.append(h('p', { class: 'advisory small', text: t('assessment.advisory') }));
  if (!sameLanguage(a)) box.append(h('p', { class: 'small muted', text: t('assessment.languageNote', { language: t('lang.' + a.language, {}, a.language) }) }));
  return box;
}

function snake(text) {
  return String(text).replace(/[A-Z]/g, c => '_' + c.toLowerCase());
}

export { conclusionShort, facts };
