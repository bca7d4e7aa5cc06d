// Canned replies: the library operators pick from (search, usage counters), and the editor for a reply's text with
// an optional link button. Replies with several messages (galleries) keep their other messages when edited here.
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { field, saving, status } from './forms.js';
import { words } from './words.js';

function preview(content) {
  switch (content.type) {
    case 'text': return content.text;
    case 'image': return `🖼 ${content.caption ?? words().canned.image}`;
    case 'link': return `🔗 ${content.title}`;
    default: return content.type;
  }
}

/** Renders the section. */
export async function render(root) {
  const t = words().canned;
  const c = words().common;
  let replies = [];
  let editing = null; // the reply being edited, or null for a new one
  const list = h('tbody', { testid: 'canned-admin-list' });
  const search = h('input', { type: 'search', placeholder: t.search, testid: 'canned-admin-search' });

  const shortcut = h('input', { required: true, maxlength: 40, placeholder: t.shortcutPlaceholder, testid: 'canned-shortcut' });
  const title = h('input', { required: true, maxlength: 200, testid: 'canned-title' });
  const text = h('textarea', { rows: 4, required: true, maxlength: 4096, testid: 'canned-text' });
  const buttonLabel = h('input', { maxlength: 64, placeholder: t.optional, testid: 'canned-button-label' });
  const buttonUrl = h('input', { type: 'url', placeholder: 'https://…', testid: 'canned-button-url' });
  const heading = h('h3', { text: t.newReply });
  const line = status('canned-status');
  const save = h('button', { type: 'submit', class: 'primary', testid: 'canned-save' }, t.save);
  const cancel = h('button', { type: 'button', testid: 'canned-new', onclick: () => edit(null) }, t.newButton);
  const form = h('form', { class: 'card', testid: 'canned-form' }, heading,
    h('div', { class: 'form-grid' }, field(t.shortcut, shortcut, t.shortcutHint), field(t.titleLabel, title)),
    field(t.text, text),
    h('div', { class: 'form-grid' }, field(t.buttonLabel, buttonLabel), field(t.buttonUrl, buttonUrl)),
    h('div', { class: 'form-actions' }, save, cancel, line.element));

  const show = () => {
    const needle = search.value.trim().toLowerCase();
    const shown = replies.filter((reply) => !needle
      || `${reply.shortcut} ${reply.title} ${reply.contents.map(preview).join(' ')}`.toLowerCase().includes(needle));
    replaceChildren(list, shown.length ? shown.map((reply) => h('tr', { testid: 'canned-admin-row', 'data-shortcut': reply.shortcut },
      h('td', {}, h('code', { text: reply.shortcut })),
      h('td', { translate: 'no', text: reply.title }),
      h('td', { class: 'muted', translate: 'no', text: reply.contents.map(preview).join(' · ') }),
      h('td', { text: `${reply.usageCount}×`, title: t.timesSent }),
      h('td', { class: 'actions-cell' },
        h('button', { type: 'button', testid: 'canned-edit', onclick: () => edit(reply) }, c.edit),
        h('button', { type: 'button', class: 'danger', testid: 'canned-delete', onclick: () => remove(reply) }, c.delete))))
      : h('tr', {}, h('td', { colspan: 5, class: 'empty', text: replies.length ? t.noMatch : t.none })));
  };
  const reload = async () => {
    replies = await api('/api/v1/canned-replies');
    show();
  };
  const edit = (reply) => {
    editing = reply;
    const first = reply?.contents.find((content) => content.type === 'text');
    const button = first?.buttons?.find((b) => b.url);
    heading.textContent = reply ? t.editReply(reply.title) : t.newReply;
    shortcut.value = reply?.shortcut ?? '';
    title.value = reply?.title ?? '';
    text.value = first?.text ?? '';
    buttonLabel.value = button?.label ?? '';
    buttonUrl.value = button?.url ?? '';
    shortcut.focus();
  };
  const remove = async (reply) => {
    if (!confirm(t.deleteConfirm(reply.title))) return;
    await api(`/api/v1/admin/canned-replies/${reply.id}`, { method: 'DELETE' });
    if (editing?.id === reply.id) edit(null);
    await reload();
  };

  search.addEventListener('input', show);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const label = buttonLabel.value.trim();
    const message = { type: 'text', text: text.value, buttons: label ? [{ label, url: buttonUrl.value.trim() }] : null };
    // Other messages of the reply (images of a gallery) stay; the first text is the one edited here.
    const others = editing?.contents ?? [];
    const at = others.findIndex((content) => content.type === 'text');
    const contents = at >= 0 ? others.map((content, index) => (index === at ? message : content)) : [message, ...others];
    const body = { id: editing?.id ?? '00000000-0000-0000-0000-000000000000', shortcut: shortcut.value.trim(), title: title.value.trim(), contents, usageCount: 0 };
    const saved = await saving(save, line, () => (editing
      ? api(`/api/v1/admin/canned-replies/${editing.id}`, { method: 'PUT', body })
      : api('/api/v1/admin/canned-replies', { method: 'POST', body })));
    if (!saved) return;
    edit(saved);
    await reload();
  });

  root.append(h('h2', { text: t.title }),
    h('p', { class: 'muted', text: t.intro }),
    form,
    h('section', { class: 'card' }, h('div', { class: 'form-actions' }, h('span', { text: t.find }), search),
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, [t.shortcut, t.titleLabel, t.messages, t.used, ''].map((text) => h('th', { text })))), list)));
  await reload();
}
