// API keys for integrations: create (the key is shown this once), list by name, role and prefix, revoke.
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { copy, field, saving, status, when } from './forms.js';

/** Renders the section. */
export async function render(root) {
  const list = h('tbody', { testid: 'apikeys-list' });
  const shown = h('div', { testid: 'apikey-created' });

  const reload = async () => {
    const keys = await api('/api/v1/admin/api-keys');
    replaceChildren(list, keys.length ? keys.map((key) => row(key, reload)) : h('tr', {}, h('td', { colspan: 5, class: 'empty', text: 'No API keys yet.' })));
  };

  const name = h('input', { required: true, maxlength: 100, placeholder: 'e.g. CRM integration', testid: 'apikey-name' });
  const role = h('select', { testid: 'apikey-role' }, h('option', { value: 'Operator', text: 'Operator' }), h('option', { value: 'Admin', text: 'Admin' }));
  const line = status('apikey-status');
  const create = h('button', { type: 'submit', class: 'primary', testid: 'apikey-create' }, 'Create key');
  const form = h('form', { class: 'card' }, h('h3', { text: 'New key' }),
    h('div', { class: 'form-grid' }, field('Name', name), field('Role', role, 'What the key may do, like an operator or an admin.')),
    h('div', { class: 'form-actions' }, create, line.element), shown);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const created = await saving(create, line, () => api('/api/v1/admin/api-keys', { method: 'POST', body: { name: name.value.trim(), role: role.value } }), 'Created');
    if (!created) return;
    name.value = '';
    const secret = h('code', { text: created.key, testid: 'apikey-secret' });
    replaceChildren(shown, h('div', { class: 'secret' },
      h('span', {}, 'Copy the key now: it is not shown again. '), secret,
      h('button', { type: 'button', testid: 'apikey-copy', onclick: async (e) => { e.target.textContent = (await copy(created.key, secret)) ? 'Copied' : 'Press Ctrl+C'; } }, 'Copy')));
    await reload();
  });

  root.append(h('h2', { text: 'API keys' }),
    h('p', { class: 'muted', text: 'Integrations call the API with a key in the X-Api-Key header.' }),
    form,
    h('section', { class: 'card' }, h('h3', { text: 'Keys' }),
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ['Name', 'Role', 'Key', 'Created', ''].map((title) => h('th', { text: title })))), list)));
  await reload();
}

function row(key, reload) {
  const revoke = h('button', { type: 'button', class: 'danger', testid: 'apikey-revoke' }, 'Revoke');
  revoke.addEventListener('click', async () => {
    if (!confirm(`Revoke the key "${key.name}"? Integrations using it stop working at once.`)) return;
    revoke.disabled = true;
    try {
      await api(`/api/v1/admin/api-keys/${key.id}`, { method: 'DELETE' });
      await reload();
    } finally {
      revoke.disabled = false;
    }
  });
  return h('tr', { testid: 'apikey-row', 'data-prefix': key.prefix, 'data-name': key.name },
    h('td', { text: key.name }), h('td', { text: key.role }), h('td', {}, h('code', { text: key.prefix })),
    h('td', { text: when(key.createdAt) }), h('td', { class: 'actions-cell' }, revoke));
}
