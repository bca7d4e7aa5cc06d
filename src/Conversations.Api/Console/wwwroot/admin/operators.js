// Operators: add, change role, capacity and groups, reset a password, remove (their live chats go back to the queue).
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { field, saving, status } from './forms.js';

const roles = (selected) => ['Operator', 'Admin'].map((role) => h('option', { value: role, text: role, selected: role === selected }));

/** Renders the section. */
export async function render(root) {
  const list = h('tbody', { testid: 'operators-list' });
  const reload = async () => {
    const operators = await api('/api/v1/admin/operators');
    replaceChildren(list, operators.map((operator) => row(operator, reload)));
  };

  const username = h('input', { required: true, autocomplete: 'off', testid: 'operator-username' });
  const displayName = h('input', { required: true, testid: 'operator-display-name' });
  const role = h('select', { testid: 'operator-role' }, roles('Operator'));
  const capacity = h('input', { type: 'number', min: 1, max: 50, value: 3, required: true, testid: 'operator-capacity' });
  const password = h('input', { type: 'password', required: true, minlength: 8, autocomplete: 'new-password', testid: 'operator-password' });
  const line = status('operator-status');
  const add = h('button', { type: 'submit', class: 'primary', testid: 'operator-add' }, 'Add operator');
  const form = h('form', { class: 'card' }, h('h3', { text: 'Add an operator' }),
    h('div', { class: 'form-grid' }, field('Username', username), field('Name shown to customers', displayName), field('Role', role),
      field('Chats at once', capacity), field('Password', password, 'At least 8 characters; they sign in with it.')),
    h('div', { class: 'form-actions' }, add, line.element));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const created = await saving(add, line, () => api('/api/v1/admin/operators', {
      method: 'POST',
      body: { username: username.value.trim(), displayName: displayName.value.trim(), role: role.value, capacity: Number(capacity.value), password: password.value },
    }), 'Added');
    if (!created) return;
    form.reset();
    await reload();
  });

  root.append(h('h2', { text: 'Operators' }), form,
    h('section', { class: 'card' }, h('h3', { text: 'Team' }),
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ['Name', 'Username', 'Role', 'Chats at once', 'Groups', 'Now', ''].map((t) => h('th', { text: t })))), list)));
  await reload();
}

function row(operator, reload) {
  const role = h('select', { 'aria-label': `Role of ${operator.displayName}`, testid: 'operator-row-role' }, roles(operator.role));
  const capacity = h('input', { type: 'number', min: 1, max: 50, value: operator.capacity, 'aria-label': `Chats at once for ${operator.displayName}`, testid: 'operator-row-capacity' });
  const groups = h('input', {
    value: (operator.groups ?? []).join(', '), placeholder: 'e.g. billing, returns', 'aria-label': `Groups of ${operator.displayName}`,
    title: 'Chats transferred to a group go to its members. Separate groups with commas.', testid: 'operator-row-groups',
  });
  const line = status();
  const save = h('button', { type: 'button', testid: 'operator-row-save' }, 'Save');
  save.addEventListener('click', () => saving(save, line, () => api(`/api/v1/admin/operators/${operator.operatorId}`, {
    method: 'PATCH',
    body: { role: role.value, capacity: Number(capacity.value), groups: groups.value.split(',').map((g) => g.trim()).filter(Boolean) },
  })));
  const reset = h('button', { type: 'button', testid: 'operator-row-password' }, 'Reset password');
  reset.addEventListener('click', () => {
    const password = prompt(`New password for ${operator.displayName} (at least 8 characters):`);
    if (password) saving(reset, line, () => api(`/api/v1/admin/operators/${operator.operatorId}`, { method: 'PATCH', body: { password } }), 'Password changed');
  });
  const remove = h('button', { type: 'button', class: 'danger', testid: 'operator-row-remove' }, 'Remove');
  remove.addEventListener('click', async () => {
    const chats = operator.activeChats.length;
    if (!confirm(`Remove ${operator.displayName}? They can no longer sign in${chats ? `; their ${chats} live chat(s) go back to the queue` : ''}.`)) return;
    if (await saving(remove, line, () => api(`/api/v1/admin/operators/${operator.operatorId}`, { method: 'DELETE' }).then(() => true), 'Removed')) await reload();
  });
  return h('tr', { testid: 'operator-row', 'data-username': operator.username },
    h('td', { text: operator.displayName }), h('td', {}, h('code', { text: operator.username })), h('td', {}, role), h('td', {}, capacity), h('td', {}, groups),
    h('td', { text: `${operator.presence.toLowerCase()}, ${operator.activeChats.length} chat(s)` }),
    h('td', { class: 'actions-cell' }, save, reset, remove, line.element));
}
