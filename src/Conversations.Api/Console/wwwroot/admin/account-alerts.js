// Channel accounts the platform turned off (a WhatsApp number whose access token expired, a Page whose token was
// revoked): a banner at the top of every admin screen until the account is connected again, so the admin learns it
// here as well as from the e-mail or webhook notification.
import { api } from '../api.js';
import { h } from '../dom.js';
import { channelName, words } from './words.js';

/** The banner for the tenant's disabled accounts, or null when none is. */
export async function disabledAccountsBanner() {
  const disabled = (await api('/api/v1/admin/channels')).filter((account) => !account.enabled && account.disabledReason);
  if (!disabled.length) return null;
  return h('div', { class: 'banner account-alert', role: 'alert', testid: 'account-disabled-banner' },
    h('ul', {}, disabled.map((account) => h('li', {
      testid: 'account-disabled',
      text: words().common.disabledAccount(channelName(account.key.kind), account.displayName, account.key.account, account.disabledReason),
    }))));
}
