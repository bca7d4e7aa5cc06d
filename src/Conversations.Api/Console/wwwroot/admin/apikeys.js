// API keys for integrations: create (the key is shown this once), list by name, role, the characters that tell keys apart
// and when each was created and last used (to about a minute), revoke.
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { copy, field, saving, status } from './forms.js';
import { when, words } from './words.js';

/** Renders the section. */
export async function render(root) {
  const t = words().apikeys;
  const c = words().common;
  const list = h('tbody', { testid: 'apikeys-list' });
  const shown = h('div', { testid: 'apikey-created' });

  const reload = async () => {
    const keys = await api('/api/v1/admin/api-keys');
    replaceChildren(list, keys.length ? keys.map((key) => row(key, reload)) : h('tr', {}, h('td', { colspan: 6, class: 'empty', text: t.none })));
  };

  const name = h('input', { required: true, maxlength: 100, placeholder: t.namePlaceholder, testid: 'apikey-name' });
  const role = h('select', { testid: 'apikey-role' }, ['Operator', 'Admin'].map((value) => h('option', { value, text: c.roles[value] })));
  const line = status('apikey-status');
  const create = h('button', { type: 'submit', class: 'primary', testid: 'apikey-create' }, t.create);
  const form = h('form', { class: 'card' }, h('h3', { text: t.newKey }),
    h('div', { class: 'form-grid' }, field(c.name, name), field(c.role, role, t.roleHint)),
    h('div', { class: 'form-actions' }, create, line.element), shown);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const created = await saving(create, line, () => api('/api/v1/admin/api-keys', { method: 'POST', body: { name: name.value.trim(), role: role.value } }), c.created);
    if (!created) return;
    name.value = '';
    const secret = h('code', { text: created.key, testid: 'apikey-secret' });
    replaceChildren(shown, h('div', { class: 'secret' },
      h('span', {}, t.copyNow), secret,
      h('button', { type: 'button', testid: 'apikey-copy', onclick: async (e) => { e.target.textContent = (await copy(created.key, secret)) ? c.copied : c.pressCtrlC; } }, c.copy)));
    await reload();
  });

  root.append(h('h2', { text: t.title }),
    h('p', { class: 'muted', text: t.intro }),
    form,
    h('section', { class: 'card' }, h('h3', { text: t.keys }),
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, [[c.name], [c.role], [t.key], [c.created], [t.lastUsed, t.lastUsedHint], ['']].map(([title, hint]) => h('th', { text: title, title: hint })))), list)));
  await reload();
}

function row(key, reload) {
  const t = words().apikeys;
  const revoke = h('button', { type: 'button', class: 'danger', testid: 'apikey-revoke' }, t.revoke);
  revoke.addEventListener('click', async () => {
    if (!confirm(t.revokeConfirm(key.name))) return;
    revoke.disabled = true;
    try {
      await api(`/api/v1/admin/api-keys/${key.id}`, { method: 'DELETE' });
      await reload();
    } finally {
      revoke.disabled = false;
    }
  });
  return h('tr', { testid: 'apikey-row', 'data-prefix': key.prefix, 'data-name': key.name },
    h('td', { translate: 'no', text: key.name }), h('td', { text: words().common.roles[key.role] ?? key.role }), h('td', {}, h('code', { text: key.prefix })),
    h('td', { text: when(key.createdAt) }),
    h('td', { testid: 'apikey-last-used', text: key.lastUsedAt ? when(key.lastUsedAt) : words().common.never }),
    h('td', { class: 'actions-cell' }, revoke));
}
