// The operator queue (GET /api/v1/queue): customers waiting, longest first, with callback requests. It is read
// again shortly after the live feed reports a change, coalescing bursts of events into one request.
import { api } from './api.js';
import { byId, channelLabel, h } from './dom.js';
import { reportError } from './errors.js';
import { elapsed } from './time.js';

export class Queue {
  constructor({ onOpen, onChange }) {
    this.onOpen = onOpen;
    this.onChange = onChange;
    this.timer = null;
    this.entries = [];
  }

  /** Reads the queue within a second (several calls in that second make one request). */
  refreshSoon() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch(reportError);
    }, 750);
  }

  async refresh() {
    const entries = await api('/api/v1/queue');
    byId('queue-count').textContent = String(entries.length);
    this.entries = entries;
    this.onChange?.(entries);
    byId('queue-empty').hidden = entries.length > 0;
    byId('queue-list').replaceChildren(...entries.map((entry) => h('li', { class: 'queue-entry', testid: 'queue-entry', 'data-conversation-id': entry.conversationId },
      h('button', { type: 'button', class: 'row-button', onclick: () => this.onOpen(entry.conversationId) },
        h('span', { class: 'row-top' },
          h('span', { class: 'name', text: entry.customerDisplayName }),
          entry.group ? h('span', { class: 'label-chip', testid: 'queue-group', title: 'Transferred to this group', text: entry.group }) : null,
          h('span', { class: 'channel', text: channelLabel(entry.channel) })),
        h('span', { class: 'preview', text: entry.reason }),
        h('span', { class: 'row-meta' },
          h('span', {}, 'waiting ', elapsed(h('b'), entry.waitingSince)),
          entry.callbackAt
            ? h('span', { class: 'callback', testid: 'queue-callback', text: `call back at ${new Date(entry.callbackAt).toLocaleString()}` })
            : null)))));
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
  }
}
