// Persons of the case: the subject first, then further persons; pseudonymous references, never names.
import { post, del } from '../api.js';
import { t, fmtDateTime } from '../i18n.js';
import { h, field, select, formValues } from '../dom.js';
import { personRoleLabel } from '../labels.js';
import { caseSection } from './case-common.js';
import { onSubmit } from './forms.js';

export function personsSection(ctx) {
  const { persons, summary, involved } = ctx.data;
  if (!involved || persons === null) return caseSection('persons', h('p', { class: 'muted', text: t('persons.notInvolved') }));

  const list = h('ul', { class: 'cards' }, persons.map(p => {
    const remove = ctx.isManager && !p.isCaseSubject && p.reference
      ? h('button', { type: 'button', class: 'link-button', text: t('persons.remove'), 'aria-label': t('persons.removeNamed', { role: personRoleLabel(ctx.process, p.role) }) })
      : null;
    if (remove) {
      let armed = false;
      remove.addEventListener('click', async () => {
        if (!armed) {
          armed = true;
          remove.textContent = t('persons.confirmRemove');
          remove.removeAttribute('aria-label');
          return;
        }
        try {
          await ctx.act('persons', () => del(`/v1/cases/${summary.id}/persons/${p.id}?expectedVersion=${summary.version}`), t('persons.removed'));
        } catch (e) {
          ctx.announce(e.readable || String(e), 'error');
        }
      });
    }
    return h('li', { class: 'card' },
      h('p', {}, h('strong', { text: personRoleLabel(ctx.process, p.role) }), p.isCaseSubject ? h('span', { class: 'badge', text: t('persons.subject') }) : null),
      p.reference ? h('p', { class: 'mono', text: p.reference }) : h('p', { class: 'muted', text: t('persons.erased') }),
      p.note ? h('p', { text: p.note }) : null,
      h('p', { class: 'small muted', text: t('persons.added', { user: p.addedBy, date: fmtDateTime(p.addedAt) }) }),
      remove);
  }));

  const content = [list];
  if (ctx.isManager) {
    const roles = ctx.process.personRoles.map(r => ({ value: r.id, label: personRoleLabel(ctx.process, r.id) }));
    const form = h('form', { class: 'inline-form', novalidate: true, id: 'add-person-form', 'aria-labelledby': 'add-person-title' },
      h('h3', { id: 'add-person-title', text: t('persons.addTitle') }),
      h('div', { class: 'form-grid' },
        field(t('persons.role'), select('role', roles)),
        field(t('persons.reference'), h('input', { name: 'reference', required: true, autocomplete: 'off', maxlength: 512 }), t('persons.referenceHint')),
        field(t('persons.note'), h('input', { name: 'note', autocomplete: 'off', maxlength: 2000 }))),
      h('p', { class: 'form-error', role: 'alert', hidden: true }),
      h('button', { type: 'submit', class: 'secondary', text: t('persons.add') }));
    onSubmit(form, async () => {
      const v = formValues(form);
      if (!v.reference) throw new Error(t('persons.referenceMissing'));
      await ctx.act('persons', () => post(`/v1/cases/${summary.id}/persons`, { role: v.role, reference: v.reference, note: v.note || null, expectedVersion: summary.version }), t('persons.addedDone'));
    });
    content.push(form);
  }
  return caseSection('persons', ...content);
}
