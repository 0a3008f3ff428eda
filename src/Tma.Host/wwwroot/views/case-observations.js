// Observations: the recorded facts, and the form generated from the chosen model's inputs (GET /v1/packages/{id}/form).
import { post } from '../api.js';
import { t, fmtDate, fmtDateTime, pick } from '../i18n.js';
import { h, field, select, uid, formValues } from '../dom.js';
import { inputLabel, valueLabel, reliabilities } from '../labels.js';
import { caseSection, dateField, dateToIso, today } from './case-common.js';
import { onSubmit } from './forms.js';

export function observationsSection(ctx) {
  const { observations, form } = ctx.data;
  const content = [observationList(ctx, observations, form), modelChooser(ctx)];
  if (form) content.push(observationForm(ctx, form));
  else content.push(h('p', { class: 'form-error', role: 'alert', text: t('obs.noForm') }));
  return caseSection('observations', ...content);
}

function observationList(ctx, observations, form) {
  if (observations.length === 0) return h('p', { class: 'muted', text: t('obs.none') });
  const rows = [...observations].sort((a, b) => (a.observedAt < b.observedAt ? 1 : (a.observedAt > b.observedAt ? -1 : (a.enteredAt < b.enteredAt ? 1 : -1))));
  const byId = new Map(observations.map(o => [o.id, o]));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'observation-list' },
    h('caption', { text: t('obs.listCaption') }),
    h('thead', {}, h('tr', {}, ['obs.col.item', 'obs.col.value', 'obs.col.observed', 'obs.col.source', 'obs.col.reliability', 'obs.col.by'].map(k => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, rows.map(o => h('tr', { class: o.supersededBy ? 'superseded' : null, dataset: { observation: o.id } },
      h('th', { scope: 'row', text: inputLabel(form, o.inputId) }),
      h('td', { class: o.value === 'unknown' ? 'unknown-value' : null },
        h('span', { class: 'obs-value', text: valueLabel(form, o.inputId, o.value) }),
        o.supersededBy ? h('span', { class: 'obs-note', text: t('obs.supersededBadge', { date: fmtDateTime(byId.get(o.supersededBy)?.enteredAt) }) }) : null,
        o.supersedes ? h('span', { class: 'obs-note', text: t('obs.correctionBadge', { date: fmtDate(byId.get(o.supersedes)?.observedAt) }) }) : null),
      h('td', { text: fmtDate(o.observedAt) }),
      h('td', { text: o.source }),
      h('td', { text: o.reliability ? t('reliability.' + o.reliability) : t('reliability.unstated') }),
      h('td', { class: 'small', text: `${o.raterId}, ${fmtDateTime(o.enteredAt)}` }))))));
}

function modelChooser(ctx) {
  const { packages, model } = ctx.data;
  const chooser = select('model', packages.map(id => ({ value: id, label: id, selected: id === model })), { id: 'obs-model' });
  const form = h('form', { class: 'inline-form model-chooser', novalidate: true },
    h('div', { class: 'form-grid' }, field(t('obs.model'), chooser, t('obs.modelHint'))),
    h('button', { type: 'submit', class: 'secondary', text: t('obs.useModel') }));
  onSubmit(form, () => ctx.chooseModel(chooser.value));
  return form;
}

/** Days of an ISO period like P90D, P3M, P1Y (approximate for months and years). */
function periodDays(period) {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(period || '');
  if (!m) return null;
  return (Number(m[1] || 0) * 365) + (Number(m[2] || 0) * 30) + (Number(m[3] || 0) * 7) + Number(m[4] || 0);
}

function observationForm(ctx, model) {
  const { summary, observations } = ctx.data;
  const current = new Map();
  for (const o of observations) {
    if (o.supersededBy) continue;
    const seen = current.get(o.inputId);
    if (!seen || seen.observedAt < o.observedAt) current.set(o.inputId, o);
  }

  const commonDate = h('input', { type: 'date', name: 'commonDate', value: today(), required: true });
  const commonSource = h('input', { name: 'commonSource', autocomplete: 'off', maxlength: 500 });
  const commonReliability = select('commonReliability', reliabilityOptions());
  const defaults = h('fieldset', { class: 'defaults' },
    h('legend', { text: t('obs.defaults') }),
    h('p', { class: 'hint', text: t('obs.defaultsHint') }),
    h('div', { class: 'form-grid' },
      dateField(t('obs.observedAt'), commonDate),
      field(t('obs.source'), commonSource, t('obs.sourceHint')),
      field(t('obs.reliability'), commonReliability)));

  const groups = new Map();
  for (const input of model.inputs) {
    const key = input.group || '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(input);
  }

  const form = h('form', { class: 'observation-form', novalidate: true, id: 'observation-form', 'aria-labelledby': 'obs-form-title' },
    h('h3', { id: 'obs-form-title', text: t('obs.formTitle', { model: pick(model.title) }) }),
    h('p', { class: 'hint', text: t('obs.formHint') }),
    defaults,
    [...groups.entries()].map(([group, inputs]) => h('div', { class: 'input-group' },
      group ? h('h4', { text: t('group.' + group, {}, group) }) : null,
      inputs.map(input => inputFieldset(input, current.get(input.id), correctable(observations, input))))),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary', text: t('obs.save') }));

  onSubmit(form, async () => {
    const v = formValues(form);
    const entries = [];
    for (const input of model.inputs) {
      let value = v[`value:${input.id}`];
      if (input.type === 'numeric' && value === 'number') value = v[`number:${input.id}`];
      if (!value) {
        if (v[`supersedes:${input.id}`]) throw fieldError(form, `value:${input.id}`, `value:${input.id}`, t('obs.correctionValueMissing', { item: pick(input.label) }));
        continue;
      }
      if (value !== 'unknown' && v[`relevance:${input.id}`]) value = `${value}/${v[`relevance:${input.id}`]}`;
      const observedAt = v[`date:${input.id}`] || v.commonDate;
      const source = v[`source:${input.id}`] || v.commonSource;
      const reliability = v[`reliability:${input.id}`] || v.commonReliability || null;
      const supersedes = v[`supersedes:${input.id}`] || null;
      if (!source) throw fieldError(form, `source:${input.id}`, 'commonSource', t('obs.sourceMissing', { item: pick(input.label) }));
      if (!observedAt) throw fieldError(form, `date:${input.id}`, 'commonDate', t('obs.dateMissing', { item: pick(input.label) }));
      entries.push({ input, body: { inputId: input.id, value, observedAt: dateToIso(observedAt, '12:00:00'), source, reliability, ...(supersedes ? { supersedes } : {}) } });
    }
    if (entries.length === 0) throw new Error(t('obs.nothingChosen'));
    let saved = 0;
    try {
      for (const entry of entries) {
        await post(`/v1/cases/${summary.id}/observations`, entry.body);
        saved += 1;
      }
    } catch (error) {
      const message = `${t('obs.failedAt', { item: pick(entries[saved].input.label), saved })} ${error.readable || error.message}`;
      if (saved === 0) throw new Error(message);
      await ctx.reload('observations');
      ctx.announce(message, 'error');
      return;
    }
    await ctx.reload('observations', t('obs.saved', { count: saved }));
  });
  return form;
}

function fieldError(form, own, common, message) {
  const error = new Error(message);
  const details = form.querySelector(`[name="${CSS.escape(own)}"]`)?.closest('details');
  if (details?.open) form.querySelector(`[name="${CSS.escape(own)}"]`).setAttribute('aria-invalid', 'true');
  else form.querySelector(`[name="${CSS.escape(common)}"]`)?.setAttribute('aria-invalid', 'true');
  return error;
}

function reliabilityOptions() {
  return [{ value: '', label: t('reliability.unstated') }, ...reliabilities.map(r => ({ value: r, label: t('reliability.' + r) }))];
}

/** The input's entries that a correction may replace: those not yet corrected, newest first. */
function correctable(observations, input) {
  return observations.filter(o => o.inputId === input.id && !o.supersededBy)
    .sort((a, b) => (a.observedAt < b.observedAt ? 1 : (a.observedAt > b.observedAt ? -1 : (a.enteredAt < b.enteredAt ? 1 : -1))));
}

function inputFieldset(input, current, earlier) {
  const legendId = uid('legend');
  const legend = h('legend', { id: legendId },
    h('span', { class: 'input-label', text: pick(input.label) }),
    input.mustKnow ? h('span', { class: 'badge key', text: t('obs.keyItem') }) : null,
    input.protective ? h('span', { class: 'badge', text: t('obs.protective') }) : null,
    input.sensitive ? h('span', { class: 'badge warn', text: t('obs.sensitive') }) : null);

  const parts = [legend];
  if (input.description) parts.push(h('p', { class: 'hint', text: pick(input.description) }));
  if (input.validFor) parts.push(h('p', { class: 'small muted', text: t('obs.validFor', { days: periodDays(input.validFor) ?? input.validFor }) }));
  parts.push(currentLine(input, current));
  parts.push(guidance(input));

  const radios = h('div', { class: 'choices', role: 'radiogroup', 'aria-labelledby': legendId });
  const name = `value:${input.id}`;
  if (input.type === 'numeric') {
    const numberId = uid('num');
    const numberInput = h('input', { type: 'number', name: `number:${input.id}`, id: numberId, min: input.min, max: input.max, step: 'any', class: 'number' });
    const numberRadio = h('input', { type: 'radio', name, value: 'number', id: uid('r') });
    numberInput.addEventListener('input', () => { numberRadio.checked = numberInput.value !== ''; });
    radios.append(
      h('div', { class: 'choice' }, numberRadio, h('label', { for: numberRadio.id, text: t('obs.number', { unit: input.unit || '', min: input.min ?? '–', max: input.max ?? '–' }) }), numberInput),
      radioChoice(name, input.values.find(v => v.id === 'unknown')));
  } else {
    for (const value of input.values) radios.append(radioChoice(name, value));
  }
  parts.push(radios);

  if (input.relevance) {
    const relLegend = uid('rel');
    parts.push(h('div', { class: 'choices relevance', role: 'radiogroup', 'aria-labelledby': relLegend },
      h('p', { id: relLegend, class: 'label', text: t('obs.relevance') }),
      input.relevance.map(r => radioChoice(`relevance:${input.id}`, r))));
  }

  parts.push(h('details', { class: 'item-source' },
    h('summary', { text: t('obs.itemSource') }),
    h('div', { class: 'form-grid' },
      dateField(t('obs.observedAt'), h('input', { type: 'date', name: `date:${input.id}` })),
      field(t('obs.source'), h('input', { name: `source:${input.id}`, autocomplete: 'off', maxlength: 500 })),
      field(t('obs.reliability'), select(`reliability:${input.id}`, reliabilityOptions())),
      earlier.length ? correctsField(input, earlier) : null)));

  return h('fieldset', { class: ['input', input.mustKnow ? 'key-item' : null], dataset: { input: input.id } }, parts);
}

/** "Corrects an earlier entry": the item's entries not yet corrected (date · value · source); the whole row wide. */
function correctsField(input, earlier) {
  const wrapper = field(t('obs.corrects'), select(`supersedes:${input.id}`, [
    { value: '', label: t('obs.correctsNone') },
    ...earlier.map(o => ({ value: o.id, label: t('obs.correctsOption', { date: fmtDate(o.observedAt), value: valueLabel({ inputs: [input] }, input.id, o.value), source: o.source || '—' }) })),
  ]), t('obs.correctsHint'));
  wrapper.classList.add('full-row');
  return wrapper;
}

function radioChoice(name, value) {
  const id = uid('r');
  return h('div', { class: ['choice', value.id === 'unknown' ? 'choice-unknown' : null] },
    h('input', { type: 'radio', name, value: value.id, id }),
    h('label', { for: id, text: pick(value.label) }));
}

function currentLine(input, current) {
  if (!current) return h('p', { class: 'current muted', text: t('obs.notRecorded') });
  const days = periodDays(input.validFor);
  const stale = days !== null && new Date(current.observedAt).getTime() + days * 86400000 < Date.now();
  return h('p', { class: ['current', stale ? 'stale' : null] },
    t('obs.current', { value: valueLabel({ inputs: [input] }, input.id, current.value), date: fmtDate(current.observedAt), source: current.source }),
    stale ? h('span', { class: 'badge danger', text: t('obs.outOfDate') }) : null);
}

function guidance(input) {
  const g = input.guidance || {};
  const body = [];
  if (g.general) body.push(h('p', { text: pick(g.general) }));
  const perValue = input.values.filter(v => g[v.id]);
  if (perValue.length) body.push(h('dl', { class: 'guidance-values' }, perValue.flatMap(v => [h('dt', { text: pick(v.label) }), h('dd', { text: pick(g[v.id]) })])));
  if (g.example) body.push(h('p', { class: 'example' }, h('strong', { text: t('obs.example') + ' ' }), pick(g.example)));
  if (body.length === 0) return null;
  return h('details', { class: 'guidance' }, h('summary', { text: t('obs.guidance') }), ...body);
}
