// The error banner: the API's ProblemDetails `detail` (or a plain message), visible until dismissed or replaced.
import { byId } from './dom.js';

/** Shows a message in the banner. */
export function showError(message) {
  byId('error-text').textContent = message;
  byId('error-banner').hidden = false;
}

/** Hides the banner. */
export function clearError() {
  byId('error-banner').hidden = true;
  byId('error-text').textContent = '';
}

/** Shows what went wrong; a refused token is handled by the sign-in form instead. */
export function reportError(error) {
  if (error?.status === 401) return;
  console.error(error);
  showError(error?.message || String(error));
}

/** Runs an async action from a UI event, reporting its failure; disables `button` while it runs. */
export async function attempt(action, button) {
  if (button) button.disabled = true;
  try {
    const result = await action();
    // What failed before is no longer the news once the operator's next action worked.
    clearError();
    return result;
  } catch (error) {
    reportError(error);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

byId('error-dismiss').addEventListener('click', clearError);
