// The admin screens speak the tenant's language (its settings' `language`): Russian, or English for "en". The words
// are read again each time a section opens, so a language changed in Settings is followed by the next screen.
import { api } from '../api.js';
import { byId } from '../dom.js';
import { speakTopbar } from '../topbar.js';
import en from './words-en.js';
import ru from './words-ru.js';

const WORDS = { en, ru };
let current = ru;

/** The words of the language last loaded. */
export const words = () => current;

/** Loads the tenant's language and puts the admin navigation in it; returns the words. */
export async function useTenantLanguage() {
  const settings = await api('/api/v1/admin/settings');
  const language = Object.hasOwn(WORDS, settings.language) ? settings.language : 'ru';
  current = WORDS[language];
  byId('admin-view').lang = language;
  byId('admin-view').setAttribute('aria-label', current.nav.title);
  byId('admin-nav').setAttribute('aria-label', current.nav.sections);
  for (const button of byId('admin-nav').querySelectorAll('button[data-section]')) button.textContent = current.nav[button.dataset.section];
  speakTopbar(language); // a language changed in Settings is the top bar's at once too
  return current;
}

/** A channel kind in the admin's words (the API's name when it has none). */
export const channelName = (kind) => current.common.channelKinds[kind] ?? kind;

/** A date and time written the language's way. */
export const when = (iso) => (iso ? new Date(iso).toLocaleString(current.locale, { dateStyle: 'medium', timeStyle: 'short' }) : '—');
