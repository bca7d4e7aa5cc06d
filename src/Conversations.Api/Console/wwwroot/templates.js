// WhatsApp message templates in the composer. Outside the 24-hour customer service window WhatsApp takes only an
// approved template from the business, so when a WhatsApp conversation's window has run out the composer opens on the
// Template tab and says why; the operator picks a template, fills one value per placeholder and sees the message as
// the customer will read it. The list is the tenant's library (GET /api/v1/whatsapp-templates), approved ones only.
import { api } from './api.js';
import { byId, h } from './dom.js';
import { serverNow } from './time.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const MAX_VALUE = 1024;

export class TemplatePicker {
  /** onSend(template) posts { template: { name, language, parameters } } and resolves when it is accepted. */
  constructor({ onSend }) {
    this.templates = [];
    this.loadedAt = null;
    this.form = byId('reply-template');
    this.select = this.form.querySelector('[name=template]');
    this.select.addEventListener('change', () => this.renderFields());
    this.form.addEventListener('input', () => this.renderPreview());
    this.onSend = onSend;
  }

  /** The chosen template with the values typed for it, as the messages API takes it. */
  chosen() {
    const template = this.templates[Number(this.select.value)];
    if (!template) throw new Error('Pick a template to send.');
    const parameters = [...this.form.querySelectorAll('[data-placeholder]')].map((input) => input.value.trim());
    const missing = parameters.findIndex((value) => !value);
    if (missing >= 0) throw new Error(`Fill in {{${template.placeholders[missing]}}} before sending the template.`);
    return { name: template.name, language: template.language, parameters };
  }

  async send() {
    await this.onSend({ template: this.chosen() });
    for (const input of this.form.querySelectorAll('[data-placeholder]')) input.value = '';
    this.renderPreview();
  }

  /** Reads the library once per console session (again a minute later when it was empty: an admin may have synced). */
  async load() {
    if (this.loadedAt !== null && (this.templates.length || Date.now() - this.loadedAt < 60_000)) return;
    this.loadedAt = Date.now();
    const all = await api('/api/v1/whatsapp-templates');
    this.templates = all.filter((template) => template.status === 'APPROVED')
      .sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
    const chosen = this.select.value;
    this.select.replaceChildren(...(this.templates.length
      ? this.templates.map((template, index) => h('option', { value: String(index), text: `${template.name} · ${template.language} · ${template.category.toLowerCase()}` }))
      : [h('option', { value: '', text: 'No approved templates: an admin syncs them from Meta' })]));
    // Number('') is 0: only a real earlier choice is kept, else the first template stays chosen.
    if (chosen !== '' && this.templates[Number(chosen)]) this.select.value = chosen;
    this.renderFields();
  }

  renderFields() {
    const template = this.templates[Number(this.select.value)];
    byId('template-fields').replaceChildren(...(template?.placeholders ?? []).map((placeholder, index) =>
      h('label', {}, `{{${placeholder}}}`,
        h('input', { name: `parameter${index}`, required: true, maxlength: String(MAX_VALUE), 'data-placeholder': placeholder, testid: 'template-parameter' }))));
    this.renderPreview();
  }

  /** The body with the typed values in place of their placeholders; unfilled ones stay visible as {{n}}. */
  renderPreview() {
    const template = this.templates[Number(this.select.value)];
    const values = new Map([...this.form.querySelectorAll('[data-placeholder]')].map((input) => [input.dataset.placeholder, input.value.trim()]));
    byId('template-preview').textContent = template
      ? template.body.replace(PLACEHOLDER, (whole, name) => values.get(name) || whole)
      : '';
  }
}

/** Whether the composer must offer only templates: a WhatsApp conversation whose window has run out. */
export function needsTemplate(summary) {
  return summary?.channel === 'WhatsApp' && !!summary.windowClosesAt && Date.parse(summary.windowClosesAt) <= serverNow();
}

/** Milliseconds until a WhatsApp conversation's window runs out (null: not WhatsApp, no window, or already over). */
export function untilTemplateNeeded(summary) {
  if (summary?.channel !== 'WhatsApp' || !summary.windowClosesAt) return null;
  const left = Date.parse(summary.windowClosesAt) - serverNow();
  return left > 0 ? left : null;
}
