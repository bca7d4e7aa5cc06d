// Scenario: the live document in an editor, checked as it is typed (syntax here, every rule on the server with the
// path of each problem), published as a new version; earlier versions can be shown and published again (roll back).
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
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
  publish.addEventListener('click', async () => {
    if (!(await runCheck().catch(() => false))) {
      line.failed(new Error(t.fixFirst));
      return;
    }
    const published = await saving(publish, line, () => sendDocument('/api/v1/admin/bot/scenario', 'PUT', editor.value), t.published);
    if (published) await reload();
  });

  root.append(h('h2', { text: t.title }), live,
    h('section', { class: 'card' },
      h('p', { class: 'hint', text: t.hint }),
      editor, verdict, problems,
      h('div', { class: 'form-actions' }, check, publish, line.element)),
    h('section', { class: 'card' }, h('h3', { text: t.versions }),
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, [t.versionHead, t.publishedHead, ''].map((text) => h('th', { text })))), history), diff));
  const current = await reload();
  editor.value = current ? pretty(current.json) : '{\n  "start": "hello",\n  "steps": [\n    { "id": "hello", "kind": "end", "text": "Hello!" }\n  ]\n}';
}

function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
