// The shared top bar (views, alerts, presence, sign out) in the tenant's language: the words are the admin screens'
// word sets (admin/words-ru.js, admin/words-en.js), chosen by the language the sign-in answered or Settings changed.
import { byId } from './dom.js';
import en from './admin/words-en.js';
import ru from './admin/words-ru.js';

const WORDS = { en, ru };
let current = ru.topbar;

/** The top bar's words in the language last applied. */
export const topbarWords = () => current;

/** Puts the top bar in `language` (Russian when it has no word set). */
export function speakTopbar(language) {
  current = (Object.hasOwn(WORDS, language) ? WORDS[language] : ru).topbar;
  const views = byId('view-switch');
  views.querySelector('[data-view=inbox]').textContent = current.inbox;
  views.querySelector('[data-view=admin]').textContent = current.admin;
  byId('presence-label').firstChild.textContent = `${current.presence} `;
  for (const option of byId('presence').options) option.textContent = current.presenceOptions[option.value];
  byId('logout').textContent = current.signOut;
  const alerts = byId('alerts-enable');
  alerts.textContent = alerts.dataset.permission === 'denied' ? current.alertsBlocked : current.enableAlerts;
}
