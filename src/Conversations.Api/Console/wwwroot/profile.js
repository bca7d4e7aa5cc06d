// The customer card beside a conversation: one profile across channels (contacts, identities, consents, attributes)
// and the messaging window of each channel.
import { byId, channelLabel, h } from './dom.js';
import { showProfileEditor } from './profile-edit.js';
import { countdown } from './time.js';

/** Shows the customer of a conversation detail (GET /api/v1/conversations/{id}); null hides the card. */
export function renderProfile(detail) {
  const card = byId('profile');
  const customer = detail?.customer;
  card.hidden = !customer;
  if (!customer) {
    byId('profile-facts').replaceChildren();
    showProfileEditor(null);
    return;
  }

  const facts = [
    ['Name', customer.displayName],
    ['Username', customer.username],
    ['Phones', list(customer.phones)],
    ['E-mails', list(customer.emails)],
    ['Channels', list(customer.identities.map((identity) =>
      `${channelLabel(identity.key.kind)} · ${identity.key.account}${identity.unreachable ? ' (unreachable)' : ''}`))],
    ['Windows', list((detail.windows ?? []).map((window) => h('span', { title: window.rule },
      `${channelLabel(window.channel)}: `, countdown(h('b'), window.humanClosesAt, { over: 'closed' }))))],
    ['Consents', list(customer.consents.map((consent) =>
      `${consent.purpose}: ${consent.granted ? 'granted' : 'refused'} (${new Date(consent.at).toLocaleDateString()}, text ${consent.textVersion})`))],
    ['Attributes', list(Object.entries(customer.attributes ?? {}).map(([key, value]) => `${key}: ${value}`))],
    ['Tags', customer.tags?.length ? h('span', {}, ...customer.tags.map((tag) => h('span', { class: 'label-chip', testid: 'profile-tag', text: tag }))) : null],
    ['Notes', customer.notes],
    ['Customer since', new Date(customer.createdAt).toLocaleDateString()],
  ];
  byId('profile-facts').replaceChildren(...facts
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .flatMap(([term, value]) => [h('dt', { text: term }), h('dd', { testid: `profile-${term.toLowerCase().replace(/[^a-z]/g, '')}` }, value)]));
  showProfileEditor(customer, (updated) => renderProfile({ ...detail, customer: updated }));
}

function list(items) {
  return items?.length ? h('ul', { class: 'plain' }, items.map((item) => h('li', {}, item))) : null;
}
