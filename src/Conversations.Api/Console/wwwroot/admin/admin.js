// The administration view (Admin role only): a section list and the open section, in place of the inbox panes. Each
// section is its own module with `render(root, admin)`; it loads what it shows from the admin API every time it opens,
// in the tenant's language (words.js).
import { byId, h, replaceChildren } from '../dom.js';
import { reportError } from '../errors.js';
import { disabledAccountsBanner } from './account-alerts.js';
import * as apiKeys from './apikeys.js';
import * as canned from './canned.js';
import * as channels from './channels.js';
import * as faq from './faq.js';
import * as operators from './operators.js';
import * as reports from './reports.js';
import * as scenario from './scenario.js';
import * as settings from './settings.js';
import * as texts from './texts.js';
import { useTenantLanguage } from './words.js';

const sections = { reports, settings, texts, operators, canned, faq, scenario, channels, apikeys: apiKeys };

/** Shows the view switch to admins and opens the section asked for. */
export class AdminConsole {
  constructor(me, { onInbox }) {
    this.current = null;
    this.onInbox = onInbox;
    if (me.role !== 'Admin') return;
    byId('view-switch').hidden = false;
    byId('view-switch').addEventListener('click', (event) => {
      const view = event.target.closest('button')?.dataset.view;
      if (view) this.switchTo(view);
    });
    byId('admin-nav').addEventListener('click', (event) => {
      const section = event.target.closest('button')?.dataset.section;
      if (section) this.open(section);
    });
  }

  /** Inbox or admin. */
  switchTo(view) {
    const admin = view === 'admin';
    for (const button of byId('view-switch').querySelectorAll('button')) button.setAttribute('aria-selected', String(button.dataset.view === view));
    byId('app-view').classList.toggle('admin-mode', admin);
    byId('admin-view').hidden = !admin;
    if (admin && !this.current) this.open('settings');
    if (!admin) this.onInbox();
  }

  /** Renders a section afresh. */
  async open(name) {
    this.current = name;
    for (const button of byId('admin-nav').querySelectorAll('button')) {
      if (button.dataset.section === name) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
    }
    const root = byId('admin-content');
    root.dataset.section = name;
    root.setAttribute('aria-busy', 'true');
    // Each opening renders into its own holder: a section opened while another was still loading clears the holder of
    // that one, whose late render then lands in a detached element instead of above the new section.
    const holder = h('div', { class: 'admin-section' });
    replaceChildren(root, holder);
    try {
      await useTenantLanguage();
      const banner = await disabledAccountsBanner();
      if (banner) holder.append(banner);
      await sections[name].render(holder, this);
    } catch (error) {
      reportError(error);
    } finally {
      if (holder.isConnected) root.setAttribute('aria-busy', 'false');
    }
  }
}
