// Notes: append-only, with replies (a correction is a reply).
import { post } from '../api.js';
import { t, fmtDateTime } from '../i18n.js';
import { h, field, formValues } from '../dom.js';
import { caseSection } from './case-common.js';
import { onSubmit } from './forms.js';

export function notesSection(ctx) {
  const { notes, involved, summary } = ctx.data;
  if (!involved || notes === null) return caseSection('notes', h('p', { class: 'muted', text: t('note.notInvolved') }));

  const replyTo = h('input', { type: 'hidden', name: 'replyTo', value: '' });
  const replyInfo = h('p', { class: 'hint', hidden: true });
  const text = h('textarea', { name: 'text', rows: 3, maxlength: 8000, id: 'note-text' });
  const cancelReply = h('button', { type: 'button', class: 'link-button', hidden: true, text: t('note.cancelReply') });

  const byParent = new Map();
  for (const note of notes) {
    const key = note.replyTo || '';
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(note);
  }
  const known = new Set(notes.map(n => n.id));
  const thread = parent => h('ul', { class: 'notes' }, (byParent.get(parent) || []).map(note => h('li', { class: 'note' },
    h('p', { class: 'small muted', text: t('note.by', { user: note.authorId, date: fmtDateTime(note.writtenAt) }) }),
    h('p', { class: 'note-text', text: note.text }),
    h('button', {
      type: 'button', class: 'link-button', text: t('note.reply'), 'aria-label': t('note.replyNamed', { user: note.authorId, date: fmtDateTime(note.writtenAt) }),
      on: {
        click: () => {
          replyTo.value = note.id;
          replyInfo.textContent = t('note.replyingTo', { user: note.authorId, date: fmtDateTime(note.writtenAt) });
          replyInfo.hidden = false;
          cancelReply.hidden = false;
          text.focus();
        },
      },
    }),
    byParent.has(note.id) ? thread(note.id) : null)));
  // Replies to notes that are not in the list (should not happen) are shown at the top level.
  for (const note of notes) if (note.replyTo && !known.has(note.replyTo)) byParent.get('')?.push(note) ?? byParent.set('', [note]);

  cancelReply.addEventListener('click', () => {
    replyTo.value = '';
    replyInfo.hidden = true;
    cancelReply.hidden = true;
  });

  const form = h('form', { class: 'note-form', novalidate: true, id: 'note-form' },
    replyTo, replyInfo, cancelReply,
    field(t('note.text'), text, t('note.hint')),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'primary', text: t('note.add') }));
  onSubmit(form, async () => {
    const v = formValues(form);
    if (!v.text) throw new Error(t('note.textMissing'));
    await ctx.act('notes', () => post(`/v1/cases/${summary.id}/notes`, { text: v.text, replyTo: v.replyTo || null }), t('note.added'));
  });

  return caseSection('notes', notes.length ? thread('') : h('p', { class: 'muted', text: t('note.none') }), form);
}
