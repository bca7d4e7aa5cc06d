// FAQ: a "try a question" box (which entry matches and its score), the entries with their question variants, and the
// suggestions operators' answers produced (approve as they are or edited, reject); then the answering quality and the
// customers' "did you mean" choices (faq-quality.js).
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { field, lines, saving, status } from './forms.js';
import { when, words } from './words.js';
import { renderQuality } from './faq-quality.js';

const percent = (value) => `${Math.round(value * 100)} %`;

/** Renders the section. */
export async function render(root) {
  const t = words().faq;
  const c = words().common;
  const entries = h('tbody', { testid: 'faq-entries' });
  const suggestions = h('ul', { class: 'plain', testid: 'faq-suggestions' });

  // Try a question.
  const question = h('input', { type: 'search', required: true, maxlength: 1000, placeholder: t.tryPlaceholder, testid: 'faq-try-question' });
  const outcome = h('div', { testid: 'faq-try-result' });
  const tryButton = h('button', { type: 'submit', class: 'primary', testid: 'faq-try' }, t.tryButton);
  const tryLine = status('faq-try-status');
  const tryForm = h('form', { class: 'card' }, h('h3', { text: t.tryTitle }),
    h('div', { class: 'form-actions' }, question, tryButton, tryLine.element), outcome);
  tryForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await saving(tryButton, tryLine, () => api('/api/v1/admin/bot/faq/try', { method: 'POST', body: { question: question.value } }), '');
    if (!result) return;
    replaceChildren(outcome, result.entryId
      ? [h('p', {}, t.bestMatch, h('code', { text: result.entryId, testid: 'faq-try-entry' }), t.scoredWith,
        h('b', { text: percent(result.confidence), testid: 'faq-try-score' }), t.thresholdIs(result.threshold),
        h('b', { testid: 'faq-try-verdict', text: result.answers ? t.answers : t.notSure })),
        h('p', { class: 'muted', translate: 'no', text: result.answer }),
        result.runnerUpId ? h('p', { class: 'hint', text: t.next(result.runnerUpId, result.runnerUpConfidence) }) : null]
      : h('p', { testid: 'faq-try-verdict', text: t.noMatch }));
  });

  // An entry's editor.
  const id = h('input', { required: true, maxlength: 40, pattern: '[A-Za-z0-9-]+', placeholder: t.idPlaceholder, testid: 'faq-id' });
  const questions = h('textarea', { rows: 4, required: true, placeholder: t.questionsPlaceholder, testid: 'faq-questions' });
  const answer = h('textarea', { rows: 3, required: true, testid: 'faq-answer' });
  const heading = h('h3', { text: t.newEntry });
  const line = status('faq-status');
  const save = h('button', { type: 'submit', class: 'primary', testid: 'faq-save' }, t.save);
  const form = h('form', { class: 'card', testid: 'faq-form' }, heading,
    field(t.id, id, t.idHint), field(t.questions, questions), field(t.answer, answer),
    h('div', { class: 'form-actions' }, save, h('button', { type: 'button', onclick: () => edit(null) }, t.newEntry), line.element));
  const edit = (entry) => {
    heading.textContent = entry ? t.editEntry(entry.id) : t.newEntry;
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
      h('td', { translate: 'no' }, h('ul', { class: 'plain' }, entry.questions.map((q) => h('li', { text: q })))),
      h('td', { translate: 'no', text: entry.answer }),
      h('td', { class: 'actions-cell' },
        h('button', { type: 'button', testid: 'faq-edit', onclick: () => edit(entry) }, c.edit),
        h('button', { type: 'button', class: 'danger', testid: 'faq-delete', onclick: async () => {
          if (!confirm(t.deleteConfirm(entry.id))) return;
          await api(`/api/v1/admin/bot/faq/${encodeURIComponent(entry.id)}`, { method: 'DELETE' });
          await reload();
        } }, c.delete))))
      : h('tr', {}, h('td', { colspan: 4, class: 'empty', text: t.none })));
    replaceChildren(suggestions, pending.length ? pending.map((s) => suggestion(s, reload)) : h('li', { class: 'muted', text: t.noSuggestions }));
  };

  root.append(h('h2', { text: t.title }), tryForm, form,
    h('section', { class: 'card' }, h('h3', { text: t.suggestions }), suggestions),
    h('section', { class: 'card' }, h('h3', { text: t.entries }),
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, [t.id, t.questions, t.answer, ''].map((text) => h('th', { text })))), entries)));
  await reload();
  await renderQuality(root);
}

function suggestion(item, reload) {
  const t = words().faq;
  const question = h('input', { value: item.question, 'aria-label': t.question });
  const answer = h('textarea', { rows: 2, 'aria-label': t.answer });
  answer.value = item.answer;
  const approve = h('button', { type: 'button', class: 'primary', testid: 'faq-approve' }, t.approve);
  const reject = h('button', { type: 'button', class: 'danger', testid: 'faq-reject' }, t.reject);
  // When an entry already comes close, the operator's answer usually says what it says: the question joins its phrasings.
  const into = item.closestEntryId
    ? h('button', { type: 'button', testid: 'faq-approve-into', title: t.addToHint(item.closestConfidence) }, t.addTo(item.closestEntryId))
    : null;
  const line = status();
  approve.addEventListener('click', async () => {
    if (await saving(approve, line, () => api(`/api/v1/admin/bot/faq/suggestions/${item.id}/approve`, { method: 'POST', body: { question: question.value, answer: answer.value } }))) await reload();
  });
  into?.addEventListener('click', async () => {
    if (await saving(into, line, () => api(`/api/v1/admin/bot/faq/suggestions/${item.id}/approve`, { method: 'POST', body: { question: question.value, entryId: item.closestEntryId } }))) await reload();
  });
  reject.addEventListener('click', async () => {
    if (await saving(reject, line, () => api(`/api/v1/admin/bot/faq/suggestions/${item.id}`, { method: 'DELETE' }).then(() => true))) await reload();
  });
  return h('li', { class: 'card', testid: 'faq-suggestion' }, h('span', { class: 'hint', text: t.asked(when(item.proposedAt)) }),
    field(t.question, question), field(t.answer, answer), h('div', { class: 'form-actions' }, approve, into, reject, line.element));
}
