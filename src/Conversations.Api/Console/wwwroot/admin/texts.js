// Texts: every customer-facing text of the tenant's language, its default beside it; an empty field or "Reset" means
// the default. Saved with PATCH /api/v1/admin/settings (texts: a changed text, or null back to the default).
import { api } from '../api.js';
import { h } from '../dom.js';
import { saving, status } from './forms.js';
import { words } from './words.js';

/** Renders the section. */
export async function render(root) {
  const t = words().texts;
  const [settings, defaults] = await Promise.all([api('/api/v1/admin/settings'), api('/api/v1/admin/texts')]);
  const language = defaults.language;
  const own = settings.texts ?? {};
  // Sorted by key, so a feature's texts (handoff.*, liveChat.*, widget.*) stand together.
  const rows = Object.entries(defaults.defaults[language]).sort(([a], [b]) => a.localeCompare(b)).map(([key, text]) => {
    const input = h('textarea', { rows: 2, placeholder: t.placeholder, 'aria-label': key, testid: 'text-input' });
    input.value = own[key] ?? '';
    const reset = h('button', { type: 'button', testid: 'text-reset', onclick: () => { input.value = ''; } }, t.reset);
    const row = h('div', { class: 'text-row', testid: 'text-row', 'data-key': key },
      h('span', { class: 'text-key', translate: 'no', text: key }),
      h('div', {}, input, h('p', { class: 'default-text', text: t.defaultIs(text) })),
      reset);
    row.read = () => [key, input.value.trim() ? input.value : null];
    return row;
  });

  const line = status('texts-status');
  const save = h('button', { type: 'submit', class: 'primary', testid: 'texts-save' }, t.save);
  const form = h('form', { class: 'card', testid: 'texts-form' }, rows, h('div', { class: 'form-actions' }, save, line.element));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const texts = Object.fromEntries(rows.map((row) => row.read()));
    saving(save, line, () => api('/api/v1/admin/settings', { method: 'PATCH', body: { texts } }));
  });

  root.append(h('h2', { text: t.title }),
    h('p', { class: 'muted', testid: 'texts-language' }, t.intro(t.languages[language] ?? language), t.placeholders),
    form);
}
