// Operators edit the customer beside a conversation: name, phones and e-mails (unverified), notes, tags
// (PATCH /api/v1/customers/{id}); every change lands in the customer's audit trail.
import { api } from './api.js';
import { byId, h } from './dom.js';
import { attempt } from './errors.js';

/** The "Edit" button and its form for `customer`; `saved` gets the profile the server answers. */
export function profileEditor(customer, saved) {
  const lines = (values) => (values ?? []).join('\n');
  const split = (text) => text.split(/[\n,]/).map((value) => value.trim()).filter((value) => value.length > 0);
  const field = (label, name, control) => h('label', { class: 'stack' }, h('span', { text: label }), control);
  const form = h('form', { class: 'profile-edit grid', testid: 'profile-edit-form', hidden: true },
    field('Name', 'name', h('input', { name: 'name', maxlength: 100, value: customer.nameGenerated ? '' : customer.displayName, placeholder: customer.displayName, testid: 'profile-edit-name' })),
    field('Phones (one a line)', 'phones', h('textarea', { name: 'phones', rows: 2, testid: 'profile-edit-phones', text: lines(customer.phones) })),
    field('E-mails (one a line)', 'emails', h('textarea', { name: 'emails', rows: 2, testid: 'profile-edit-emails', text: lines(customer.emails) })),
    field('Tags (comma-separated)', 'tags', h('input', { name: 'tags', value: (customer.tags ?? []).join(', '), testid: 'profile-edit-tags' })),
    field('Notes', 'notes', h('textarea', { name: 'notes', rows: 3, maxlength: 4000, testid: 'profile-edit-notes', text: customer.notes ?? '' })),
    h('p', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', testid: 'profile-edit-save', text: 'Save' }),
      h('button', { type: 'button', testid: 'profile-edit-cancel', text: 'Cancel', onclick: () => { form.hidden = true; } })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const name = String(data.get('name')).trim();
    const body = {
      phones: split(String(data.get('phones'))),
      emails: split(String(data.get('emails'))),
      tags: split(String(data.get('tags'))),
      notes: String(data.get('notes')),
    };
    if (name) body.name = name;
    attempt(async () => {
      const updated = await api(`/api/v1/customers/${encodeURIComponent(customer.customerId)}`, { method: 'PATCH', body });
      form.hidden = true;
      saved(updated);
    }, form.querySelector('[type=submit]'));
  });
  const open = h('button', { type: 'button', class: 'link-button', testid: 'profile-edit', text: 'Edit', onclick: () => { form.hidden = !form.hidden; } });
  return [open, form];
}

/** Places the editor under the profile's facts. */
export function showProfileEditor(customer, saved) {
  byId('profile-editor').replaceChildren(...(customer ? profileEditor(customer, saved) : []));
}
