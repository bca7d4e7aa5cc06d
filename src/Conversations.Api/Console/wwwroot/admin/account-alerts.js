// Channel accounts the platform turned off (a WhatsApp number whose access token expired, a Page whose token was
// revoked): a banner at the top of every admin screen until the account is connected again, so the admin learns it
// here as well as from the e-mail or webhook notification.
import { api } from '../api.js';
import { channelLabel, h } from '../dom.js';

/** The banner for the tenant's disabled accounts, or null when none is. */
export async function disabledAccountsBanner() {
  const disabled = (await api('/api/v1/admin/channels')).filter((account) => !account.enabled && account.disabledReason);
  if (!disabled.length) return null;
  return h('div', { class: 'banner account-alert', role: 'alert', testid: 'account-disabled-banner' },
    h('ul', {}, disabled.map((account) => h('li', {
      testid: 'account-disabled',
      text: `${channelLabel(account.key.kind)} ${account.displayName} (${account.key.account}) disabled: ${account.disabledReason} — reconnect it under Channels.`,
    }))));
}
