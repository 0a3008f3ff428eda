// Labels for ids the API uses: stages, levels, roles, categories — from /v1/process, the model's form, or i18n.
import { get } from './api.js';
import { t, pick } from './i18n.js';
import { h } from './dom.js';

export const categories = ['violence', 'bullying', 'radicalisation', 'stalking', 'crisis', 'other'];
export const memberRoles = ['case_manager', 'psychologist', 'labour_law', 'human_resources', 'compliance', 'security', 'police', 'other'];
export const reliabilities = ['documented', 'first_hand', 'second_hand', 'hearsay'];

export function stageLabel(process, id) {
  const stage = process.stages.find(s => s.id === id);
  return stage ? pick(stage.label) : id;
}

export function personRoleLabel(process, id) {
  const role = process.personRoles.find(r => r.id === id);
  return role ? pick(role.label) : id;
}

export function decisionStatusLabel(process, id) {
  const status = process.decisionStatuses.find(s => s.id === id);
  return status ? pick(status.label) : id;
}

export function reviewSourceLabel(process, id) {
  const source = process.reviewSources.find(s => s.id === id);
  return source ? pick(source.label) : id;
}

const forms = new Map();
/** The observation form of a package (cached per page load). */
export function getForm(reference) {
  if (!forms.has(reference)) {
    const promise = get(`/v1/packages/${encodeURIComponent(reference)}/form`).catch(error => {
      forms.delete(reference);
      throw error;
    });
    forms.set(reference, promise);
  }
  return forms.get(reference);
}

export async function tryForm(reference) {
  try { return await getForm(reference); } catch { return null; }
}

export function levelLabel(form, id) {
  const level = form?.levels.find(l => l.id === id);
  return level ? pick(level.label) : id;
}

export function inputLabel(form, id) {
  const input = form?.inputs.find(i => i.id === id);
  return input ? pick(input.label) : id;
}

export function valueLabel(form, inputId, value) {
  const input = form?.inputs.find(i => i.id === inputId);
  if (!input) return value;
  const [level, relevance] = String(value).split('/');
  const main = input.values.find(v => v.id === level);
  const rel = relevance && input.relevance ? input.relevance.find(v => v.id === relevance) : null;
  const text = main ? pick(main.label) : level;
  return rel ? `${text} / ${pick(rel.label)}` : (relevance ? `${text} / ${relevance}` : `${text}${input.unit && !main ? ' ' + input.unit : ''}`);
}

/** The advisory notice every output about a person carries. */
export function advisory() {
  return h('p', { class: 'advisory', role: 'note' }, h('strong', { text: t('advisory.label') + ' ' }), t('advisory.text'));
}

/** The packages in service, one entry per id (newest version). */
export async function packageIds() {
  const packages = await get('/v1/packages');
  const ids = [...new Set(packages.map(p => p.id))];
  return ids.sort();
}
