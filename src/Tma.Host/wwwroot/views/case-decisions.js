// Decisions: follow or override the model (with the assessor's judgement), and the four-eyes rule: an override is
// not in effect until a second case manager confirms it; its author cannot.
import { post } from '../api.js';
import { t, fmtDateTime, pick } from '../i18n.js';
import { h, field, select, uid, formValues } from '../dom.js';
import { levelLabel, decisionStatusLabel } from '../labels.js';
import { caseSection } from './case-common.js';
import { onSubmit } from './forms.js';
import { conclusionShort } from './case-assessment.js';

export function decisionsSection(ctx) {
  const { decisions, latest, latestForm, form } = ctx.data;
  const content = [];
  if (decisions.length === 0) content.push(h('p', { class: 'muted', text: t('decision.none') }));
  else content.push(h('ul', { class: 'decisions' }, [...decisions].reverse().map(d => decisionItem(ctx, d, latestForm ?? form))));
  if (ctx.isManager) content.push(decisionForm(ctx, latest, latest ? latestForm : form));
  return caseSection('decisions', ...content);
}

function decisionItem(ctx, d, form) {
  const item = h('li', { class: ['decision', 'decision-' + d.status], dataset: { decision: d.id } },
    h('p', { class: 'decision-head' },
      h('strong', { text: t('decision.final', { level: levelLabel(form, d.decision.finalLevel) }) }),
      h('span', { class: ['badge', d.isInEffect ? 'ok' : (d.status === 'pending' ? 'warn' : 'danger')], text: decisionStatusLabel(ctx.process, d.status) })),
    h('p', {}, t('decision.agreement.' + d.decision.agreement), modelSaid(ctx, d, form)),
    h('p', { class: 'rationale' }, h('span', { class: 'label', text: t('decision.rationale') + ': ' }), d.decision.rationale),
    judgementList(d.decision.judgement, form),
    h('p', { class: 'small muted', text: t('decision.by', { user: d.decidedBy, date: fmtDateTime(d.decidedAt) }) }));
  if (d.review) {
    item.append(h('p', { class: 'review-line', text: t('decision.reviewed.' + d.review.outcome, { user: d.review.reviewedBy, date: fmtDateTime(d.review.reviewedAt) }) + (d.review.comment ? ` — ${d.review.comment}` : '') }));
  }
  if (d.status === 'pending') item.append(pendingControls(ctx, d));
  return item;
}

/** What the model's assessment said, beside a decision that follows or overrides it. */
function modelSaid(ctx, d, form) {
  const record = d.decision.assessmentId ? ctx.data.assessments.find(a => a.id === d.decision.assessmentId) : null;
  return record ? ' — ' + t('decision.modelSaid', { result: conclusionShort(record.assessment, form), date: fmtDateTime(record.enteredAt) }) : null;
}

function judgementList(judgement, form) {
  if (!judgement || Object.keys(judgement).length === 0) return null;
  return h('dl', { class: 'facts judgement' }, Object.entries(judgement).flatMap(([id, value]) => {
    const f = form?.judgement.find(j => j.id === id);
    const rating = f?.values?.find(v => v.id === value);
    return [h('dt', { text: f ? pick(f.label) : id }), h('dd', { text: rating ? pick(rating.label) : value })];
  }));
}

function pendingControls(ctx, d) {
  const { summary, involved } = ctx.data;
  if (!ctx.isManager) return h('p', { class: 'notice', text: t('decision.pendingExpert') });
  if (d.decidedBy === ctx.me.userId) return h('p', { class: 'notice own-decision', text: t('decision.ownPending') });
  if (!involved) return h('p', { class: 'notice', text: t('decision.notInvolved') });

  const confirm = h('form', { class: 'inline-form confirm-form', novalidate: true },
    field(t('decision.comment'), h('input', { name: 'comment', autocomplete: 'off', maxlength: 2000 })),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary', text: t('decision.confirm') }));
  onSubmit(confirm, async () => {
    const v = formValues(confirm);
    await ctx.act('decisions', () => post(`/v1/cases/${summary.id}/decisions/${d.id}/confirm`, { comment: v.comment || null, expectedVersion: summary.version }), t('decision.confirmed'));
  });
  const reject = h('form', { class: 'inline-form reject-form', novalidate: true },
    field(t('decision.rejectReason'), h('input', { name: 'reason', autocomplete: 'off', maxlength: 2000, required: true })),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'danger', text: t('decision.reject') }));
  onSubmit(reject, async () => {
    const v = formValues(reject);
    if (!v.reason) throw new Error(t('decision.reasonMissing'));
    await ctx.act('decisions', () => post(`/v1/cases/${summary.id}/decisions/${d.id}/reject`, { reason: v.reason, expectedVersion: summary.version }), t('decision.rejected'));
  });
  return h('div', { class: 'four-eyes' }, h('p', { class: 'hint', text: t('decision.fourEyes') }), h('div', { class: 'two-col' }, confirm, reject));
}

function decisionForm(ctx, latest, form) {
  const { summary, involved } = ctx.data;
  const a = latest?.assessment;
  const levels = form?.levels ?? [];
  const agreementName = 'agreement';
  const agreements = latest ? (a.level ? ['followed', 'overrode'] : ['overrode']) : ['no_model'];
  const agreementGroup = h('fieldset', { class: 'choices-inline' },
    h('legend', { text: t('decision.agreementLegend') }),
    agreements.map((value, index) => {
      const id = uid('agr');
      return h('div', { class: 'choice' },
        h('input', { type: 'radio', name: agreementName, value, id, checked: index === 0 }),
        h('label', { for: id, text: t('decision.agreement.' + value) }));
    }));
  const finalLevel = select('finalLevel', levels.map(l => ({ value: l.id, label: pick(l.label), selected: a && l.id === a.level })), { id: 'final-level' });

  const judgementFields = (latest ? form?.judgement ?? [] : []).map(f => {
    if (f.kind === 'rating') {
      const supported = f.fromModel && a?.level ? f.fromModel[a.level] : null;
      return h('fieldset', { class: 'choices-inline judgement-field' },
        h('legend', {}, pick(f.label), f.required ? h('span', { class: 'required', text: ' ' + t('form.required') }) : null),
        f.description ? h('p', { class: 'hint', text: pick(f.description) }) : null,
        f.values.map(v => {
          const id = uid('jv');
          return h('div', { class: 'choice' },
            h('input', { type: 'radio', name: `judgement:${f.id}`, value: v.id, id }),
            h('label', { for: id, text: pick(v.label) + (v.id === supported ? ' ' + t('decision.modelSupports') : '') }));
        }));
    }
    return field(pick(f.label), h('textarea', { name: `judgement:${f.id}`, rows: 3, maxlength: 8000 }), f.description ? pick(f.description) : null);
  });

  const form_ = h('form', { class: 'decision-form', novalidate: true, id: 'decision-form', 'aria-labelledby': 'decision-form-title' },
    h('h3', { id: 'decision-form-title', text: t('decision.formTitle') }),
    latest
      ? h('p', { class: 'hint', text: t('decision.onAssessment', { date: fmtDateTime(latest.enteredAt), result: conclusionShort(a, form) }) })
      : h('p', { class: 'hint', text: t('decision.noAssessment') }),
    h('p', { class: 'hint', text: t('decision.overrideHint') }),
    agreementGroup,
    field(t('decision.finalLevel'), finalLevel),
    field(t('decision.rationale'), h('textarea', { name: 'rationale', rows: 3, required: true, maxlength: 8000 }), t('decision.rationaleHint')),
    judgementFields.length ? h('div', { class: 'judgement-fields' }, h('h4', { text: t('decision.judgementTitle') }), judgementFields) : null,
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary', text: t('decision.record') }));
  if (!involved) form_.append(h('p', { class: 'hint', text: t('decision.notInvolvedHint') }));

  onSubmit(form_, async () => {
    const v = formValues(form_);
    if (!v.rationale) throw new Error(t('decision.rationaleMissing'));
    if (!v.finalLevel) throw new Error(t('decision.levelMissing'));
    const agreement = v.agreement;
    if (agreement === 'followed' && a && v.finalLevel !== a.level) throw new Error(t('decision.followMismatch'));
    if (agreement === 'overrode' && a && v.finalLevel === a.level && a.conclusion === 'level') throw new Error(t('decision.overrideSame'));
    const judgement = {};
    for (const [key, value] of Object.entries(v)) {
      if (key.startsWith('judgement:') && value) judgement[key.slice('judgement:'.length)] = value;
    }
    const missing = (latest ? form?.judgement ?? [] : []).filter(f => f.required && !judgement[f.id]).map(f => pick(f.label));
    if (missing.length) throw new Error(t('decision.judgementMissing', { fields: missing.join(', ') }));
    await ctx.act('decisions', () => post(`/v1/cases/${summary.id}/decisions`, {
      assessmentId: latest?.id ?? null, finalLevel: v.finalLevel, rationale: v.rationale, agreement, expectedVersion: summary.version,
      judgement: Object.keys(judgement).length ? judgement : null,
    }), agreement === 'overrode' ? t('decision.recordedPending') : t('decision.recorded'));
  });
  return form_;
}
