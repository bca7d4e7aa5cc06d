// Small pieces the admin sections share: labelled fields, a save status, inline problems from the API.
import { h } from '../dom.js';
import { words } from './words.js';

/** A label around an input, with an optional hint below. */
export function field(label, input, hint) {
  return h('label', {}, label, input, hint ? h('span', { class: 'hint', text: hint }) : null);
}

/**
 * A status line for a form, in the tenant's language: `busy()`, `done(text)` or `failed(error)`; the API's
 * ProblemDetails detail names the field and the reason, so a refusal is shown as it is.
 */
export function status(testid) {
  const element = h('span', { class: 'hint', role: 'status', testid });
  return {
    element,
    busy() {
      element.className = 'hint';
      element.textContent = words().common.saving;
      element.dataset.state = 'busy';
    },
    done(text = words().common.saved) {
      element.className = 'saved';
      element.textContent = text;
      element.dataset.state = 'done';
    },
    failed(error) {
      element.className = 'form-error';
      element.textContent = error?.message ?? String(error);
      element.dataset.state = 'failed';
    },
  };
}

/** Runs a save: the button disabled meanwhile, the outcome in the status line. Returns the result or undefined. */
export async function saving(button, line, action, doneText) {
  button.disabled = true;
  line.busy();
  try {
    const result = await action();
    line.done(doneText);
    return result;
  } catch (error) {
    if (error?.status === 401) throw error;
    line.failed(error);
    return undefined;
  } finally {
    button.disabled = false;
  }
}

/** Lines of a textarea, trimmed, without empty ones. */
export const lines = (text) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** Copies text to the clipboard, falling back to selecting it when the browser refuses. */
export async function copy(text, element) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (element) {
      const range = document.createRange();
      range.selectNodeContents(element);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }
    return false;
  }
}
