// FAQ: a "try a question" box (which entry matches and its score), the entries with their question variants, and the
// suggestions operators' answers produced (approve as they are or edited, reject); then the answering quality and the
// customers' "did you mean" choices (faq-quality.js).
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { field, lines, saving, status, when } from './forms.js';
import { renderQuality } from './faq-quality.js';

const percent = (value) => `${Math.round(value * 100)} %`;

/** Renders the section. */
export async function render(root) {
  const entries = h('tbody', { testid: 'faq-entries' });
  const suggestions = h('ul', { class: 'plain', testid: 'faq-suggestions' });

  // Try a question.
  const question = h('input', { type: 'search', required: true, maxlength: 1000, placeholder: 'Ask as a customer would', testid: 'faq-try-question' });
  const outcome = h('div', { testid: 'faq-try-result' });
  const tryButton = h('button', { type: 'submit', class: 'primary', testid: 'faq-try' }, 'Try');
  const tryLine = status('faq-try-status');
  const tryForm = h('form', { class: 'card' }, h('h3', { text: 'Try a question' }),
    h('div', { class: 'form-actions' }, question, tryButton, tryLine.element), outcome);
  tryForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await saving(tryButton, tryLine, () => api('/api/v1/admin/bot/faq/try', { method: 'POST', body: { question: question.value } }), '');
    if (!result) return;
    replaceChildren(outcome, result.entryId
      ? [h('p', {}, 'Best match: ', h('code', { text: result.entryId, testid: 'faq-try-entry' }), ' with ',
        h('b', { text: percent(result.confidence), testid: 'faq-try-score' }), ` (threshold ${percent(result.threshold)}): `,
        h('b', { testid: 'faq-try-verdict', text: result.answers ? 'the bot answers' : 'the bot says it is not sure and offers an operator' })),
        h('p', { class: 'muted', text: result.answer }),
        result.runnerUpId ? h('p', { class: 'hint', text: `Next: ${result.runnerUpId} (${percent(result.runnerUpConfidence)})` }) : null]
      : h('p', { testid: 'faq-try-verdict', text: 'No entry matches: the bot says it is not sure and offers an operator.' }));
  });

  // An entry's editor.
  const id = h('input', { required: true, maxlength: 40, pattern: '[A-Za-z0-9-]+', placeholder: 'e.g. delivery-cost', testid: 'faq-id' });
  const questions = h('textarea', { rows: 4, required: true, placeholder: 'One way of asking per line', testid: 'faq-questions' });
  const answer = h('textarea', { rows: 3, required: true, testid: 'faq-answer' });
  const heading = h('h3', { text: 'New entry' });
  const line = status('faq-status');
  const save = h('button', { type: 'submit', class: 'primary', testid: 'faq-save' }, 'Save entry');
  const form = h('form', { class: 'card', testid: 'faq-form' }, heading,
    field('Id', id, 'Letters, digits and dashes.'), field('Questions (variants)', questions), field('Answer', answer),
    h('div', { class: 'form-actions' }, save, h('button', { type: 'button', onclick: () => edit(null) }, 'New entry'), line.element));
  const edit = (entry) => {
    heading.textContent = entry ? `Edit ${entry.id}` : 'New entry';
    id.value = entry?.id ?? '';
    id.readOnly = Boolean(entry);
    questions.value = entry?.questions.join('\n') ?? '';
    answer.value = entry?.answer ?? '';
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { id: id.value.trim(), questions: lines(questions.value), answer: answer.value.trim() };
    const saved = await saving(save, line, () => api(`/api/v1/admin/bot/faq/${encodeURIComponent(body.id)}`, { method: 'PUT', body }));
    if (saved) {
      edit(saved);
      await reload();
    }
  });

  const reload = async () => {
    const [faq, pending] = await Promise.all([api('/api/v1/admin/bot/faq'), api('/api/v1/admin/bot/faq/suggestions')]);
    replaceChildren(entries, faq.entries.length ? faq.entries.map((entry) => h('tr', { testid: 'faq-entry', 'data-id': entry.id },
      h('td', {}, h('code', { text: entry.id })),
      h('td', {}, h('ul', { class: 'plain' }, entry.questions.map((q) => h('li', { text: q })))),
      h('td', { text: entry.answer }),
      h('td', { class: 'actions-cell' },
        h('button', { type: 'button', testid: 'faq-edit', onclick: () => edit(entry) }, 'Edit'),
        h('button', { type: 'button', class: 'danger', testid: 'faq-delete', onclick: async () => {
          if (!confirm(`Delete the FAQ entry ${entry.id}?`)) return;
          await api(`/api/v1/admin/bot/faq/${encodeURIComponent(entry.id)}`, { method: 'DELETE' });
          await reload();
        } }, 'Delete'))))
      : h('tr', {}, h('td', { colspan: 4, class: 'empty', text: 'No entries yet.' })));
    replaceChildren(suggestions, pending.length ? pending.map((s) => suggestion(s, reload)) : h('li', { class: 'muted', text: 'No suggestions waiting.' }));
  };

  root.append(h('h2', { text: 'FAQ' }), tryForm, form,
    h('section', { class: 'card' }, h('h3', { text: 'Suggestions from operators\' answers' }), suggestions),
    h('section', { class: 'card' }, h('h3', { text: 'Entries' }),
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ['Id', 'Questions', 'Answer', ''].map((t) => h('th', { text: t })))), entries)));
  await reload();
  await renderQuality(root);
}

function suggestion(item, reload) {
  const question = h('input', { value: item.question, 'aria-label': 'Question' });
  const answer = h('textarea', { rows: 2, 'aria-label': 'Answer' });
  answer.value = item.answer;
  const approve = h('button', { type: 'button', class: 'primary', testid: 'faq-approve' }, 'Approve');
  const reject = h('button', { type: 'button', class: 'danger', testid: 'faq-reject' }, 'Reject');
  const line = status();
  approve.addEventListener('click', async () => {
    if (await saving(approve, line, () => api(`/api/v1/admin/bot/faq/suggestions/${item.id}/approve`, { method: 'POST', body: { question: question.value, answer: answer.value } }))) await reload();
  });
  reject.addEventListener('click', async () => {
    if (await saving(reject, line, () => api(`/api/v1/admin/bot/faq/suggestions/${item.id}`, { method: 'DELETE' }).then(() => true))) await reload();
  });
  return h('li', { class: 'card', testid: 'faq-suggestion' }, h('span', { class: 'hint', text: `Asked ${when(item.proposedAt)}` }),
    field('Question', question), field('Answer', answer), h('div', { class: 'form-actions' }, approve, reject, line.element));
}
