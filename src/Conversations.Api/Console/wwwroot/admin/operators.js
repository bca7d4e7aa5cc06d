// Operators: add, change role, capacity and groups, reset a password, remove (their live chats go back to the queue).
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { field, saving, status } from './forms.js';
import { words } from './words.js';

const roles = (selected) => ['Operator', 'Admin'].map((role) => h('option', { value: role, text: words().common.roles[role], selected: role === selected }));

/** Renders the section. */
export async function render(root) {
  const t = words().operators;
  const c = words().common;
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
  const add = h('button', { type: 'submit', class: 'primary', testid: 'operator-add' }, t.addButton);
  const form = h('form', { class: 'card' }, h('h3', { text: t.add }),
    h('div', { class: 'form-grid' }, field(t.username, username), field(t.displayName, displayName), field(c.role, role),
      field(t.capacity, capacity), field(t.password, password, t.passwordHint)),
    h('div', { class: 'form-actions' }, add, line.element));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const created = await saving(add, line, () => api('/api/v1/admin/operators', {
      method: 'POST',
      body: { username: username.value.trim(), displayName: displayName.value.trim(), role: role.value, capacity: Number(capacity.value), password: password.value },
    }), t.added);
    if (!created) return;
    form.reset();
    await reload();
  });

  root.append(h('h2', { text: t.title }), form,
    h('section', { class: 'card' }, h('h3', { text: t.team }),
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, [c.name, t.username, c.role, t.capacity, t.groups, t.now, ''].map((text) => h('th', { text })))), list)));
  await reload();
}

function row(operator, reload) {
  const t = words().operators;
  const c = words().common;
  const role = h('select', { 'aria-label': t.roleOf(operator.displayName), testid: 'operator-row-role' }, roles(operator.role));
  const capacity = h('input', { type: 'number', min: 1, max: 50, value: operator.capacity, 'aria-label': t.capacityOf(operator.displayName), testid: 'operator-row-capacity' });
  const groups = h('input', {
    value: (operator.groups ?? []).join(', '), placeholder: t.groupsPlaceholder, 'aria-label': t.groupsOf(operator.displayName),
    title: t.groupsTitle, testid: 'operator-row-groups',
  });
  const line = status();
  const save = h('button', { type: 'button', testid: 'operator-row-save' }, c.save);
  save.addEventListener('click', () => saving(save, line, () => api(`/api/v1/admin/operators/${operator.operatorId}`, {
    method: 'PATCH',
    body: { role: role.value, capacity: Number(capacity.value), groups: groups.value.split(',').map((g) => g.trim()).filter(Boolean) },
  })));
  const reset = h('button', { type: 'button', testid: 'operator-row-password' }, t.resetPassword);
  reset.addEventListener('click', () => {
    const password = prompt(t.newPassword(operator.displayName));
    if (password) saving(reset, line, () => api(`/api/v1/admin/operators/${operator.operatorId}`, { method: 'PATCH', body: { password } }), t.passwordChanged);
  });
  const remove = h('button', { type: 'button', class: 'danger', testid: 'operator-row-remove' }, t.remove);
  remove.addEventListener('click', async () => {
    if (!confirm(t.removeConfirm(operator.displayName, operator.activeChats.length))) return;
    if (await saving(remove, line, () => api(`/api/v1/admin/operators/${operator.operatorId}`, { method: 'DELETE' }).then(() => true), t.removed)) await reload();
  });
  return h('tr', { testid: 'operator-row', 'data-username': operator.username },
    h('td', { translate: 'no', text: operator.displayName }), h('td', {}, h('code', { text: operator.username })), h('td', {}, role), h('td', {}, capacity), h('td', {}, groups),
    h('td', { text: t.presence(c.presence[operator.presence] ?? operator.presence, operator.activeChats.length) }),
    h('td', { class: 'actions-cell' }, save, reset, remove, line.element));
}
