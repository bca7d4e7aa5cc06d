// Search: customers by name, username, phone or e-mail (GET /api/v1/customers), a customer's conversations on every
// channel (GET /api/v1/customers/{id}), and words in messages (GET /api/v1/search/messages), optionally within one
// customer. Matches come wrapped in [[ ]] and are shown as <mark>.
import { api, query } from './api.js';
import { byId, channelLabel, h, highlighted, statusLabel } from './dom.js';
import { attempt } from './errors.js';
import { mergeTools } from './customer-merge.js';
import { formatTime } from './time.js';

export class Search {
  constructor({ onOpen }) {
    this.onOpen = onOpen;
    this.scope = null;

    byId('search-customers').addEventListener('submit', (event) => {
      event.preventDefault();
      attempt(() => this.findCustomers(event.target.q.value.trim()), event.submitter);
    });
    byId('search-messages').addEventListener('submit', (event) => {
      event.preventDefault();
      attempt(() => this.findMessages(event.target.q.value.trim()), event.submitter);
    });
    byId('search-scope-clear').addEventListener('click', () => this.setScope(null));
  }

  async findCustomers(q) {
    const customers = await api(`/api/v1/customers${query({ q })}`);
    byId('customer-detail').hidden = true;
    byId('customer-results').replaceChildren(...(customers.length
      ? customers.map((customer) => h('li', { testid: 'customer-result', 'data-customer-id': customer.customerId },
        h('button', { type: 'button', class: 'result-button', onclick: (event) => attempt(() => this.showCustomer(customer), event.currentTarget) },
          h('b', { text: customer.displayName }),
          customer.username ? h('span', { class: 'muted', text: ` @${customer.username}` }) : null,
          h('span', { class: 'result-meta', text: [...customer.phones, ...customer.emails, ...customer.channels.map(channelLabel)].join(' · ') }))))
      : [h('li', { class: 'muted', text: 'No customer found.' })]));
  }

  /** A customer's conversations (to open one) and a scope for message search. */
  async showCustomer(customer, outcome = null) {
    const detail = await api(`/api/v1/customers/${encodeURIComponent(customer.customerId)}`);
    this.setScope(customer);
    const box = byId('customer-detail');
    box.hidden = false;
    box.replaceChildren(
      h('p', { class: 'muted', text: `Conversations of ${detail.profile.displayName}` }),
      h('ul', { class: 'results' }, detail.conversations.length
        ? detail.conversations.map((conversation) => h('li', { testid: 'customer-conversation' },
          h('button', { type: 'button', class: 'result-button', onclick: () => this.onOpen(conversation.conversationId) },
            h('b', { text: `${statusLabel(conversation.status)} · ${channelLabel(conversation.channel)}` }),
            h('span', { class: 'result-meta', text: `${formatTime(conversation.lastActivityAt)} — ${conversation.lastMessagePreview}` }))))
        : [h('li', { class: 'muted', text: 'No conversations.' })]),
      mergeTools(detail, (id, changed) => this.showCustomer({ customerId: id, displayName: detail.profile.displayName }, changed), outcome));
  }

  setScope(customer) {
    this.scope = customer;
    byId('search-scope').hidden = !customer;
    byId('search-scope-text').textContent = customer ? `Messages of ${customer.displayName} only — ` : '';
  }

  async findMessages(q) {
    const hits = await api(`/api/v1/search/messages${query({ q, customerId: this.scope?.customerId })}`);
    byId('message-results').replaceChildren(...(hits.length
      ? hits.map((hit) => h('li', { testid: 'message-result', 'data-conversation-id': hit.message.conversationId },
        h('button', { type: 'button', class: 'result-button', onclick: () => this.onOpen(hit.message.conversationId) },
          h('span', { class: 'result-meta', text: `${hit.message.direction} · ${formatTime(hit.message.createdAt)}` }),
          h('span', { class: 'highlight', testid: 'message-highlight' }, highlighted(hit.highlight)))))
      : [h('li', { class: 'muted', text: 'Nothing found.' })]));
  }
}
