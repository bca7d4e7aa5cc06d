// The live inbox: a filtered, paged list of conversations kept current by the event stream. Ordered as the API
// orders it: customers waiting for an operator first (longest waiting on top), then the most recently active.
import { api, query } from './api.js';
import { byId, channelLabel, h, statusLabel } from './dom.js';
import { labelChips } from './labels.js';
import { reportError } from './errors.js';
import { countdown } from './time.js';

const PAGE_SIZE = 50;

/** Which rows a filter tab shows (the API's filters, applied again to rows that change live). */
const filters = {
  all: (item) => item.status !== 'Closed',
  mine: (item, me) => item.status === 'LiveChat' && item.assignedOperatorId === me,
  unassigned: (item) => item.status !== 'Closed' && !item.assignedOperatorId,
  waiting: (item) => item.status === 'WaitingForOperator',
  live: (item) => item.status === 'LiveChat',
  bot: (item) => item.status === 'Bot',
  closed: (item) => item.status === 'Closed',
};

function rank(item) {
  return item.status === 'WaitingForOperator' && item.waitingSince
    ? [0, Date.parse(item.waitingSince)]
    : [1, -Date.parse(item.lastActivityAt)];
}

function compare(a, b) {
  const [groupA, timeA] = rank(a);
  const [groupB, timeB] = rank(b);
  return groupA - groupB || timeA - timeB || a.conversationId.localeCompare(b.conversationId);
}

/** True when `incoming` is not older than `current` (replays after a reconnect may bring an older state). */
export function isNewer(incoming, current) {
  return !current || Date.parse(incoming.lastActivityAt) >= Date.parse(current.lastActivityAt);
}

export class Inbox {
  constructor({ operators, onOpen }) {
    this.operators = operators;
    this.onOpen = onOpen;
    this.filter = 'all';
    this.channel = '';
    this.label = '';
    this.older = false;
    this.items = new Map();
    this.rows = new Map();
    this.selectedId = null;
    this.nextCursor = null;
    this.generation = 0;
    this.list = byId('inbox-list');
    this.more = byId('inbox-more');

    byId('inbox-tabs').addEventListener('click', (event) => {
      const tab = event.target.closest('[data-filter]');
      if (tab) this.show({ filter: tab.dataset.filter });
    });
    byId('inbox-channel').addEventListener('change', (event) => this.show({ channel: event.target.value }));
    byId('inbox-label').addEventListener('change', (event) => this.show({ label: event.target.value }));
    byId('inbox-older').addEventListener('change', (event) => this.show({ older: event.target.checked }));
    this.more.addEventListener('click', () => this.loadPage().catch(reportError));
  }

  /** Switches filter, channel or age and reloads. */
  show(changes) {
    Object.assign(this, changes);
    this.reload().catch(reportError);
  }

  /** Loads the first page again. */
  async reload() {
    this.generation += 1;
    this.items.clear();
    this.rows.clear();
    this.list.replaceChildren();
    this.nextCursor = null;
    for (const tab of byId('inbox-tabs').querySelectorAll('[data-filter]')) {
      tab.setAttribute('aria-selected', String(tab.dataset.filter === this.filter));
    }
    await this.loadPage({ first: true });
  }

  /** Loads the next page (the first with `first`). */
  async loadPage({ first = false } = {}) {
    const generation = this.generation;
    this.list.setAttribute('aria-busy', 'true');
    this.more.disabled = true;
    try {
      const page = await api(`/api/v1/inbox${query({
        filter: this.filter,
        channel: this.channel,
        label: this.label,
        all: this.older ? 'true' : '',
        cursor: first ? '' : this.nextCursor,
        limit: PAGE_SIZE,
      })}`);
      if (generation !== this.generation) return;
      for (const item of page.items) this.upsert(item);
      this.nextCursor = page.nextCursor;
    } finally {
      if (generation === this.generation) {
        this.list.setAttribute('aria-busy', 'false');
        this.more.disabled = false;
        this.more.hidden = !this.nextCursor;
        this.renderEmpty();
      }
    }
  }

  /** Puts a conversation's new state in place: updates its row, adds it, moves it, or removes it from this view. */
  upsert(incoming) {
    const id = incoming.conversationId;
    const current = this.items.get(id);
    if (!isNewer(incoming, current)) return;
    const item = this.operators.named(incoming, current);
    if (!this.matches(item)) {
      this.remove(id);
      return;
    }
    this.items.set(id, item);
    const row = this.renderRow(item);
    const old = this.rows.get(id);
    this.rows.set(id, row);
    if (old) old.replaceWith(row);
    this.place(item, row);
    this.renderEmpty();
  }

  /** Marks the open conversation's row. */
  select(id) {
    this.selectedId = id;
    for (const [rowId, row] of this.rows) {
      row.classList.toggle('selected', rowId === id);
      row.querySelector('button').setAttribute('aria-current', String(rowId === id));
    }
  }

  matches(item) {
    if (this.channel && item.channel !== this.channel) return false;
    if (this.label && !(item.labels ?? []).includes(this.label)) return false;
    return filters[this.filter](item, this.operators.me.operatorId);
  }

  remove(id) {
    this.rows.get(id)?.remove();
    this.rows.delete(id);
    this.items.delete(id);
    this.renderEmpty();
  }

  place(item, row) {
    let next = null;
    for (const other of this.items.values()) {
      if (compare(other, item) > 0 && (!next || compare(other, next) < 0)) next = other;
    }
    const before = next ? this.rows.get(next.conversationId) : null;
    if (before && before !== row) this.list.insertBefore(row, before);
    else if (!before) this.list.append(row);
  }

  renderEmpty() {
    byId('inbox-empty').hidden = this.items.size > 0 || this.list.getAttribute('aria-busy') === 'true';
  }

  renderRow(item) {
    const live = item.status === 'LiveChat';
    const selected = item.conversationId === this.selectedId;
    return h('li', {
      class: `inbox-row${item.flagged ? ' flagged' : ''}${selected ? ' selected' : ''}`,
      testid: 'inbox-row',
      'data-conversation-id': item.conversationId,
      'data-status': item.status,
      'data-flagged': String(item.flagged),
    },
    h('button', { type: 'button', class: 'row-button', 'aria-current': String(selected), onclick: () => this.onOpen(item.conversationId) },
      h('span', { class: 'row-top' },
        item.flagged ? h('span', { class: 'flag', testid: 'inbox-flag', title: item.handoffReason ?? '', text: 'Waiting' }) : null,
        h('span', { class: 'name', testid: 'inbox-customer', text: item.customerName }),
        h('span', { class: 'channel', testid: 'inbox-channel', text: channelLabel(item.channel) })),
      h('span', { class: 'preview', testid: 'inbox-preview', text: item.lastMessagePreview || '—' }),
      labelChips(item.labels),
      h('span', { class: 'row-meta' },
        h('span', { class: `status status-${item.status}`, testid: 'inbox-status', text: statusLabel(item.status) }),
        live
          ? h('span', { class: 'operator', testid: 'inbox-operator', text: item.operatorName ?? 'an operator' })
          : null,
        item.callbackAt ? h('span', { class: 'callback', text: `call back ${new Date(item.callbackAt).toLocaleString()}` }) : null,
        h('span', { class: 'timer', title: 'Messaging window: how long the business may still write on this channel' },
          'window ', countdown(h('b', { testid: 'inbox-window' }), item.windowClosesAt, { over: 'closed' })),
        live
          ? h('span', { class: 'timer', title: 'Live chat returns to the bot after this' },
            'release ', countdown(h('b', { testid: 'inbox-release' }), item.autoReleaseAt, { none: '—', over: 'due' }))
          : null)));
  }
}
