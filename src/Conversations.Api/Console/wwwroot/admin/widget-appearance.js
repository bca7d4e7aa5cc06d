// A widget's appearance: its title, accent colour, greeting and corner, edited beside a live preview of the widget as
// a visitor will see it; saved with the widget (PUT …/channels/widgets/{key}/appearance), and the real widget applies
// it from the visitor's next session. In the tenant's language.
import { api } from '../api.js';
import { h } from '../dom.js';
import { field, saving, status } from './forms.js';

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** The appearance card for the tenant's widgets (nothing when it has none). */
export async function appearanceCard(widgets, w) {
  if (!widgets.length) return null;
  const choose = h('select', { testid: 'appearance-widget' },
    widgets.map((account) => h('option', { value: account.key.account, text: `${account.displayName} (${account.key.account})` })));
  const title = h('input', { required: true, maxlength: 80, testid: 'appearance-title' });
  const color = h('input', { required: true, maxlength: 7, pattern: '#[0-9a-fA-F]{6}', placeholder: '#2563eb', spellcheck: 'false', translate: 'no', testid: 'appearance-color' });
  const picker = h('input', { type: 'color', 'aria-label': w.appearanceColor, testid: 'appearance-color-picker' });
  const greeting = h('textarea', { rows: 3, maxlength: 500, testid: 'appearance-greeting' });
  const position = h('select', { testid: 'appearance-position' },
    ['BottomRight', 'BottomLeft'].map((value) => h('option', { value, text: w.positions[value] })));
  const line = status('appearance-status');
  const save = h('button', { type: 'submit', class: 'primary', testid: 'appearance-save' }, w.appearanceSave);

  // The preview: the widget's header, greeting and a visitor's bubble, with the launcher in the chosen corner.
  const previewTitle = h('div', { class: 'wp-title', translate: 'no', testid: 'preview-title' });
  const previewGreeting = h('p', { class: 'wp-greeting', testid: 'preview-greeting' });
  const preview = h('div', { class: 'widget-preview', role: 'img', 'aria-label': w.appearancePreview, testid: 'appearance-preview' },
    h('div', { class: 'wp-panel' }, h('div', { class: 'wp-header' }, previewTitle, h('span', { text: '×' })), previewGreeting,
      h('div', { class: 'wp-messages' }, h('div', { class: 'wp-bubble', text: w.previewVisitor })),
      h('div', { class: 'wp-form' }, h('span', { class: 'wp-input', text: '…' }), h('span', { class: 'wp-send', text: w.previewSend }))),
    h('div', { class: 'wp-launcher', testid: 'preview-launcher' }));
  const show = () => {
    previewTitle.textContent = title.value.trim() || '—';
    previewGreeting.textContent = greeting.value.trim();
    previewGreeting.hidden = !greeting.value.trim();
    if (COLOR.test(color.value.trim())) {
      preview.style.setProperty('--wp-accent', color.value.trim());
      picker.value = color.value.trim().toLowerCase();
    }
    preview.dataset.position = position.value;
  };
  for (const input of [title, color, greeting, position]) input.addEventListener('input', show);
  position.addEventListener('change', show);
  picker.addEventListener('input', () => { color.value = picker.value; show(); });

  const load = async () => {
    const look = await api(`/api/v1/admin/channels/widgets/${encodeURIComponent(choose.value)}/appearance`);
    title.value = look.title;
    color.value = look.color;
    greeting.value = look.greeting ?? '';
    position.value = look.position;
    show();
  };
  choose.addEventListener('change', load);

  const form = h('form', { class: 'appearance-form', novalidate: true },
    widgets.length > 1 ? field(w.appearanceWidget, choose) : null,
    field(w.widgetTitle, title, w.widgetTitleHint),
    field(w.appearanceColor, h('span', { class: 'form-actions' }, picker, color), w.appearanceColorHint),
    field(w.appearanceGreeting, greeting, w.appearanceGreetingHint),
    field(w.appearancePosition, position),
    h('div', { class: 'form-actions' }, save, line.element));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { title: title.value, color: color.value.trim(), greeting: greeting.value, position: position.value };
    const saved = await saving(save, line, () => api(`/api/v1/admin/channels/widgets/${encodeURIComponent(choose.value)}/appearance`, { method: 'PUT', body }));
    if (saved) {
      // The new title in the channel list and the widget picker too.
      const name = document.querySelector(`[data-testid=channel-row][data-account="${CSS.escape(choose.value)}"] td:nth-child(2) > div`);
      if (name) name.textContent = saved.title;
      choose.selectedOptions[0].textContent = `${saved.title} (${choose.value})`;
    }
  });

  const card = h('section', { class: 'card', testid: 'appearance-card' }, h('h3', { text: w.appearance }),
    h('p', { class: 'hint', text: w.appearanceHint }), h('div', { class: 'appearance' }, form, preview));
  await load();
  return card;
}
