// Documents: upload (stored encrypted), list, download (always as an attachment).
import { api } from '../api.js';
import { t, fmtDateTime } from '../i18n.js';
import { h, field } from '../dom.js';
import { caseSection } from './case-common.js';
import { onSubmit } from './forms.js';

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function documentsSection(ctx) {
  const { documents, summary } = ctx.data;
  const list = documents.length
    ? h('ul', { class: 'documents' }, documents.map(d => h('li', {},
      h('a', { href: `/v1/cases/${summary.id}/documents/${d.id}`, download: d.name, text: d.name }),
      h('span', { class: 'small muted', text: ` — ${size(d.size)}, ${t('doc.by', { user: d.uploadedBy, date: fmtDateTime(d.uploadedAt) })}` }))))
    : h('p', { class: 'muted', text: t('doc.none') });

  const file = h('input', { type: 'file', name: 'file', id: 'doc-file' });
  const form = h('form', { class: 'inline-form', novalidate: true, id: 'document-form' },
    field(t('doc.file'), file, t('doc.hint')),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'secondary', text: t('doc.upload') }));
  onSubmit(form, async () => {
    const chosen = file.files?.[0];
    if (!chosen) throw new Error(t('doc.fileMissing'));
    await ctx.act('documents', () => api('POST', `/v1/cases/${summary.id}/documents`, { raw: chosen, contentType: chosen.type || 'application/octet-stream', fileName: chosen.name }), t('doc.uploaded'));
  });
  return caseSection('documents', list, form);
}
