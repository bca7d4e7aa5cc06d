// Labels operators put on conversations: chips in the conversation header (add by typing, remove with ×), chips on
// inbox rows, and the inbox's label filter, which offers the labels in use (GET /api/v1/labels).
import { api } from './api.js';
import { byId, h } from './dom.js';
import { attempt } from './errors.js';

/** Fills the inbox's label filter with the labels in use, keeping the choice; hidden while no label is in use. */
export async function loadLabelFilter() {
  const labels = await api('/api/v1/labels');
  const select = byId('inbox-label');
  const chosen = select.value;
  const names = labels.map((l) => l.label);
  if (chosen && !names.includes(chosen)) names.push(chosen);
  select.replaceChildren(h('option', { value: '', text: 'Any' }),
    ...names.map((name) => {
      const used = labels.find((l) => l.label === name);
      return h('option', { value: name, text: used ? `${name} (${used.conversations})` : name });
    }));
  select.value = chosen;
  select.closest('label').hidden = names.length === 0;
  byId('label-suggestions').replaceChildren(...labels.map((l) => h('option', { value: l.label })));
}

/** The chips of an inbox row. */
export function labelChips(labels) {
  return (labels ?? []).length
    ? h('span', { class: 'labels', testid: 'inbox-labels' }, ...labels.map((label) => h('span', { class: 'label-chip', text: label })))
    : null;
}

/**
 * The header's labels of the open conversation: a chip with × per label and a field that adds one on Enter.
 * `save(labels)` sends the whole new list; the answer updates the view through `setSummary`.
 */
export function renderHeaderLabels(summary, save) {
  const labels = summary.labels ?? [];
  const container = byId('conversation-labels');
  // The header is drawn again whenever the conversation changes (a live event): what is being typed stays.
  const previous = container.querySelector('[data-testid=label-input]');
  const typed = previous && container.dataset.conversation === summary.conversationId ? previous.value : '';
  container.dataset.conversation = summary.conversationId;
  const input = h('input', {
    class: 'label-input', list: 'label-suggestions', maxlength: '32', placeholder: '+ label',
    'aria-label': 'Add a label', testid: 'label-input',
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const label = input.value.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!label || labels.includes(label)) {
      input.value = '';
      return;
    }
    input.value = '';
    attempt(() => save([...labels, label]), input);
  });
  input.value = typed;
  container.replaceChildren(
    ...labels.map((label) => h('span', { class: 'label-chip', testid: 'label-chip', 'data-label': label },
      label,
      h('button', {
        type: 'button', class: 'label-remove', 'aria-label': `Remove the label ${label}`, testid: 'label-remove',
        onclick: (event) => attempt(() => save(labels.filter((l) => l !== label)), event.currentTarget),
      }, '×'))),
    input);
  // Keeps the focus in the field after a label is added, so several can be typed in a row.
  if (container.dataset.typing === summary.conversationId) input.focus();
  container.dataset.typing = '';
  input.addEventListener('focus', () => { container.dataset.typing = summary.conversationId; });
  input.addEventListener('blur', () => { setTimeout(() => { if (document.activeElement !== input) container.dataset.typing = ''; }, 0); });
}
