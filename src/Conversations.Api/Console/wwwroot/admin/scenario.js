// Scenario: the draft (or else the live document) in an editor, checked as it is typed (syntax here, every rule on the
// server with the path of each problem), saved as a draft, tried in a test chat as a customer would, published as a new
// version; earlier versions can be shown and published again (roll back).
import { api } from '../api.js';
import { h, replaceChildren, safeUrl } from '../dom.js';
import { renderContent } from '../messages.js';
import { lineDiff } from './diff.js';
import { saving, status } from './forms.js';
import { when, words } from './words.js';

/** The scenario API takes the document as the raw body (not a JSON string), as the admin typed it. */
const sendDocument = (path, method, json) => api(path, { method, body: json, raw: true });

/** A JSON syntax error as "line L, column C: message", or null. */
function syntaxProblem(json) {
  try {
    JSON.parse(json);
    return null;
  } catch (error) {
    const at = /position (\d+)/.exec(error.message);
    if (!at) return error.message;
    const before = json.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    return `${words().scenario.at(line, Number(at[1]) - before.lastIndexOf('\n'))}: ${error.message}`;
  }
}

/** Renders the section. */
export async function render(root) {
  const t = words().scenario;
  const editor = h('textarea', { class: 'editor', spellcheck: 'false', 'aria-label': t.editor, testid: 'scenario-editor' });
  const problems = h('ul', { class: 'problems', testid: 'scenario-problems' });
  const verdict = h('p', { class: 'hint', testid: 'scenario-verdict' });
  const line = status('scenario-status');
  const check = h('button', { type: 'button', testid: 'scenario-check' }, t.check);
  const publish = h('button', { type: 'button', class: 'primary', testid: 'scenario-publish' }, t.publish);
  const saveDraft = h('button', { type: 'button', testid: 'scenario-save-draft' }, t.saveDraft);
  const discardDraft = h('button', { type: 'button', testid: 'scenario-discard-draft' }, t.discardDraft);
  const draftLine = h('p', { class: 'muted', testid: 'scenario-draft' });
  const showDraft = (draft) => {
    draftLine.textContent = draft ? t.draftSaved(when(draft.savedAt)) : t.noDraft;
    discardDraft.hidden = !draft;
  };
  const storeDraft = async () => {
    const draft = await sendDocument('/api/v1/admin/bot/scenario/draft', 'PUT', editor.value);
    showDraft(draft);
    return draft;
  };
  const tester = testChat(storeDraft, t);
  const live = h('p', { class: 'muted', testid: 'scenario-live' });
  const history = h('tbody', { testid: 'scenario-versions' });
  const diff = h('div', { testid: 'scenario-diff' });
  // What changed from an earlier version to the live one, line by line.
  const compare = (version, current) => replaceChildren(diff, h('h4', { text: t.diffTitle(version.version, current.version) }),
    h('pre', { class: 'diff', translate: 'no' }, lineDiff(pretty(version.json), pretty(current.json)).map((line) =>
      h('div', { class: `diff-${line.change}`, 'data-change': line.change }, `${{ same: ' ', removed: '−', added: '+' }[line.change]} ${line.text}`))));

  const showProblems = (found) => {
    replaceChildren(problems, found.map((p) => h('li', { testid: 'scenario-problem', 'data-path': p.path }, h('code', { text: p.path }), ` ${p.message}`)));
    verdict.className = found.length ? 'form-error' : 'ok';
    verdict.textContent = found.length ? t.problems(found.length) : t.valid;
    return found.length === 0;
  };
  const runCheck = async () => {
    const syntax = syntaxProblem(editor.value);
    if (syntax) return showProblems([{ path: '$', message: t.notJson(syntax) }]);
    const result = await sendDocument('/api/v1/admin/bot/scenario/check', 'POST', editor.value);
    return showProblems(result.problems);
  };
  let timer = null;
  editor.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => runCheck().catch(() => {}), 600); // checked as the admin pauses typing
  });
  check.addEventListener('click', () => saving(check, line, runCheck, t.checked));

  const reload = async () => {
    const versions = await api('/api/v1/admin/bot/scenario/versions');
    const current = versions[0];
    live.textContent = current ? t.live(current.version, when(current.publishedAt)) : t.none;
    replaceChildren(history, versions.map((version, index) => h('tr', { testid: 'scenario-version', 'data-version': version.version },
      h('td', { text: t.version(version.version, index === 0) }),
      h('td', { text: when(version.publishedAt) }),
      h('td', { class: 'actions-cell' },
        h('button', { type: 'button', testid: 'scenario-show', onclick: () => { editor.value = pretty(version.json); runCheck().catch(() => {}); } }, t.open),
        index === 0 ? null : h('button', { type: 'button', testid: 'scenario-compare', onclick: () => compare(version, current) }, t.compare),
        index === 0 ? null : h('button', { type: 'button', testid: 'scenario-rollback', onclick: (event) => rollBack(event.target, version) }, t.rollBack)))));
    replaceChildren(diff);
    return current;
  };
  const rollBack = async (button, version) => {
    if (!confirm(t.rollBackConfirm(version.version))) return;
    const published = await saving(button, line, () => sendDocument('/api/v1/admin/bot/scenario', 'PUT', version.json), t.rolledBack);
    if (published) {
      editor.value = pretty(published.json);
      await reload();
    }
  };
  // Publishing publishes what is in the editor, through the draft (so no stale draft is left behind).
  publish.addEventListener('click', async () => {
    if (!(await runCheck().catch(() => false))) {
      line.failed(new Error(t.fixFirst));
      return;
    }
    const published = await saving(publish, line, async () => {
      await storeDraft();
      return api('/api/v1/admin/bot/scenario/draft/publish', { method: 'POST' });
    }, t.published);
    if (published) {
      showDraft(null);
      await reload();
    }
  });
  saveDraft.addEventListener('click', () => saving(saveDraft, line, storeDraft, t.draftStored));
  discardDraft.addEventListener('click', async () => {
    if (!confirm(t.discardConfirm)) return;
    const done = await saving(discardDraft, line, () => api('/api/v1/admin/bot/scenario/draft', { method: 'DELETE' }).then(() => true), t.draftDiscarded);
    if (done) {
      showDraft(null);
      const current = await reload();
      editor.value = current ? pretty(current.json) : editor.value;
      runCheck().catch(() => {});
    }
  });

  root.append(h('h2', { text: t.title }), live, draftLine,
    h('div', { class: 'scenario-work' },
      h('section', { class: 'card' },
        h('p', { class: 'hint', text: t.hint }),
        editor, verdict, problems,
        h('div', { class: 'form-actions' }, check, saveDraft, publish, discardDraft, line.element)),
      tester.element),
    h('section', { class: 'card' }, h('h3', { text: t.versions }),
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, [t.versionHead, t.publishedHead, ''].map((text) => h('th', { text })))), history), diff));
  const current = await reload();
  const draft = await api('/api/v1/admin/bot/scenario/draft').catch((error) => {
    if (error?.status === 404) return null;
    throw error;
  });
  showDraft(draft);
  editor.value = draft ? draft.json
    : current ? pretty(current.json) : '{\n  "start": "hello",\n  "steps": [\n    { "id": "hello", "kind": "end", "text": "Hello!" }\n  ]\n}';
  if (draft) runCheck().catch(() => {});
}

/**
 * The draft's test chat: the admin writes as a website visitor and the bot answers with the draft as its scenario
 * (the tenant's FAQ, texts and settings as they are). Nothing is sent, stored or reported; the chat's state stays here.
 * "Start" saves the editor as the draft first, so what is tried is what is on the screen.
 */
function testChat(storeDraft, t) {
  const log = h('ul', { class: 'test-log', testid: 'scenario-test-log', 'aria-live': 'polite' });
  const input = h('input', { type: 'text', testid: 'scenario-test-input', 'aria-label': t.testInput, placeholder: t.testInput, disabled: true });
  const send = h('button', { type: 'submit', testid: 'scenario-test-send', disabled: true }, t.testSend);
  const start = h('button', { type: 'button', class: 'primary', testid: 'scenario-test-start' }, t.testStart);
  const line = status('scenario-test-status');
  let state = null;

  const say = (direction, ...content) => {
    log.append(h('li', { class: `message test-${direction}`, testid: 'scenario-test-message', 'data-direction': direction },
      h('div', { class: 'bubble' }, ...content)));
    log.scrollTop = log.scrollHeight;
  };
  const buttonsOf = (buttons) => buttons?.length
    ? h('div', { class: 'test-buttons' }, buttons.map((button) => button.url
      ? h('a', { href: safeUrl(button.url), target: '_blank', rel: 'noopener noreferrer', text: button.label })
      : h('button', { type: 'button', testid: 'scenario-test-button', onclick: () => turn({ payload: button.payload }, button.label) }, button.label)))
    : null;
  const turn = async (body, shown) => {
    if (shown) say('customer', h('p', { class: 'text', text: shown }));
    line.busy();
    try {
      const answer = await api('/api/v1/admin/bot/scenario/draft/test', { method: 'POST', body: { ...body, state } });
      state = answer.state;
      for (const content of answer.messages) {
        say('bot', ...[content.type === 'text' ? h('p', { class: 'text', text: content.text }) : renderContent(content)].flat(),
          buttonsOf(content.buttons));
      }
      if (answer.handoff) log.append(h('li', { class: 'message event', testid: 'scenario-test-handoff', text: t.testHandoff }));
      line.done(t.testNothingSent);
    } catch (error) {
      if (error?.status === 401) throw error;
      line.failed(error);
    }
  };

  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      replaceChildren(log);
      state = null;
      line.busy();
      await storeDraft();
      input.disabled = false;
      send.disabled = false;
      await turn({});
      input.focus();
    } catch (error) {
      if (error?.status === 401) throw error;
      line.failed(error);
    } finally {
      start.disabled = false;
    }
  });
  const form = h('form', { class: 'test-compose' }, input, send);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    turn({ text }, text);
  });

  return {
    element: h('section', { class: 'card test-chat', testid: 'scenario-test' },
      h('h3', { text: t.testTitle }), h('p', { class: 'hint', text: t.testHint }),
      h('div', { class: 'form-actions' }, start, line.element), log, form),
  };
}

function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
