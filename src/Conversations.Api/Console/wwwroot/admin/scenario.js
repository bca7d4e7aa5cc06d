// Scenario: the live document in an editor, checked as it is typed (syntax here, every rule on the server with the
// path of each problem), published as a new version; earlier versions can be shown and published again (roll back).
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { saving, status, when } from './forms.js';

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
    return `line ${line}, column ${Number(at[1]) - before.lastIndexOf('\n')}: ${error.message}`;
  }
}

/** Renders the section. */
export async function render(root) {
  const editor = h('textarea', { class: 'editor', spellcheck: 'false', 'aria-label': 'Scenario document (JSON)', testid: 'scenario-editor' });
  const problems = h('ul', { class: 'problems', testid: 'scenario-problems' });
  const verdict = h('p', { class: 'hint', testid: 'scenario-verdict' });
  const line = status('scenario-status');
  const check = h('button', { type: 'button', testid: 'scenario-check' }, 'Check');
  const publish = h('button', { type: 'button', class: 'primary', testid: 'scenario-publish' }, 'Publish');
  const live = h('p', { class: 'muted', testid: 'scenario-live' });
  const history = h('tbody', { testid: 'scenario-versions' });

  const showProblems = (found) => {
    replaceChildren(problems, found.map((p) => h('li', { testid: 'scenario-problem', 'data-path': p.path }, h('code', { text: p.path }), ` ${p.message}`)));
    verdict.className = found.length ? 'form-error' : 'ok';
    verdict.textContent = found.length ? `${found.length} problem(s): fix them to publish.` : 'Valid: ready to publish.';
    return found.length === 0;
  };
  const runCheck = async () => {
    const syntax = syntaxProblem(editor.value);
    if (syntax) return showProblems([{ path: '$', message: `not valid JSON (${syntax})` }]);
    const result = await sendDocument('/api/v1/admin/bot/scenario/check', 'POST', editor.value);
    return showProblems(result.problems);
  };
  let timer = null;
  editor.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => runCheck().catch(() => {}), 600); // checked as the admin pauses typing
  });
  check.addEventListener('click', () => saving(check, line, runCheck, 'Checked'));

  const reload = async () => {
    const versions = await api('/api/v1/admin/bot/scenario/versions');
    const current = versions[0];
    live.textContent = current ? `Live: version ${current.version}, published ${when(current.publishedAt)}.` : 'No scenario yet: the bot answers from the FAQ only.';
    replaceChildren(history, versions.map((version, index) => h('tr', { testid: 'scenario-version', 'data-version': version.version },
      h('td', { text: `v${version.version}${index === 0 ? ' (live)' : ''}` }),
      h('td', { text: when(version.publishedAt) }),
      h('td', { class: 'actions-cell' },
        h('button', { type: 'button', testid: 'scenario-show', onclick: () => { editor.value = pretty(version.json); runCheck().catch(() => {}); } }, 'Open in editor'),
        index === 0 ? null : h('button', { type: 'button', testid: 'scenario-rollback', onclick: (event) => rollBack(event.target, version) }, 'Roll back to this')))));
    return current;
  };
  const rollBack = async (button, version) => {
    if (!confirm(`Publish version ${version.version} again as the live scenario?`)) return;
    const published = await saving(button, line, () => sendDocument('/api/v1/admin/bot/scenario', 'PUT', version.json), 'Rolled back');
    if (published) {
      editor.value = pretty(published.json);
      await reload();
    }
  };
  publish.addEventListener('click', async () => {
    if (!(await runCheck().catch(() => false))) {
      line.failed(new Error('Fix the problems first.'));
      return;
    }
    const published = await saving(publish, line, () => sendDocument('/api/v1/admin/bot/scenario', 'PUT', editor.value), 'Published');
    if (published) await reload();
  });

  root.append(h('h2', { text: 'Scenario' }), live,
    h('section', { class: 'card' },
      h('p', { class: 'hint', text: 'The bot\'s steps as a JSON document (format: the bot\'s README). Every problem is listed with its path as you type.' }),
      editor, verdict, problems,
      h('div', { class: 'form-actions' }, check, publish, line.element)),
    h('section', { class: 'card' }, h('h3', { text: 'Versions' }),
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ['Version', 'Published', ''].map((t) => h('th', { text: t })))), history)));
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
