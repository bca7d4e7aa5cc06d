// Typing and read marks in the open conversation, live only (nothing is stored). The customer's come as the feed's
// `signal` events: "typing…" under the history for a few seconds, "Read" on the operators' replies the customer has read. The
// operator's go out through POST .../signals: typing at most every 3 s while they write in the reply box of a chat they
// have, and a read mark when the open conversation shows customer messages not yet marked and the page is in view.
import { api } from './api.js';
import { byId, h } from './dom.js';

const TYPING_EVERY = 3000;
const TYPING_SHOWN = 6000;

export class LiveSignals {
  constructor(view) {
    this.view = view;
    this.typingSentAt = 0;
    this.typingTimer = null;
    this.readTimer = null;
    this.readSent = new Map(); // conversation id → the last seq this operator marked read
    this.readByCustomer = new Map(); // conversation id → the last seq the customer read
    byId('reply-text-input').addEventListener('input', () => this.typed());
    document.addEventListener('visibilitychange', () => this.markRead());
  }

  /** The operator typed in the reply box: the customer hears of it at most every TYPING_EVERY. */
  typed() {
    const state = this.view.state;
    if (!state?.summary || !this.view.operators.isMine(state.summary) || !byId('reply-text-input').value.trim()) return;
    const now = Date.now();
    if (now - this.typingSentAt < TYPING_EVERY) return;
    this.typingSentAt = now;
    this.post(state.id, { kind: 'Typing' }).catch((error) => console.warn('Typing signal not passed on', error));
  }

  /** The view shows a message (new, or drawn again): marks and "typing…" follow it. */
  shown(message, element) {
    this.decorate(message, element);
    if (message.direction !== 'Customer') return;
    if (!this.view.state?.loading) this.showTyping(false);
    // A history of many messages is shown one by one: one read mark after the last of them.
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => this.markRead(), 300);
  }

  /** Marks the open conversation read up to its last customer message, once the operator can see it. */
  markRead() {
    const state = this.view.state;
    if (state?.loading) {
      this.readTimer = setTimeout(() => this.markRead(), 300);
      return;
    }
    if (!state || document.visibilityState !== 'visible') return;
    const last = Math.max(0, ...[...state.messages.values()].filter((m) => m.direction === 'Customer').map((m) => m.seq));
    const id = state.id;
    if (!last || last <= (this.readSent.get(id) ?? 0)) return;
    this.readSent.set(id, last);
    this.post(id, { kind: 'Read', upToSeq: last }).catch((error) => {
      this.readSent.delete(id); // tried again with the next message or when the page is in view again
      console.warn('Read mark not passed on', error);
    });
  }

  /** A feed `signal` ({conversationId, kind, upToSeq, at}) of a customer. */
  received(signal) {
    if (signal.kind === 'Read') {
      this.readByCustomer.set(signal.conversationId, Math.max(signal.upToSeq, this.readByCustomer.get(signal.conversationId) ?? 0));
    }
    const state = this.view.state;
    if (!state || state.id !== signal.conversationId) return;
    if (signal.kind === 'Typing') {
      this.showTyping(true);
    } else {
      const atEnd = this.view.isScrolledToEnd();
      for (const [seq, element] of state.elements) this.decorate(state.messages.get(seq), element);
      if (atEnd) this.view.scrollToEnd();
    }
  }

  /** Adds "Read" beside the delivery of an operator's reply the customer has read (called for every message the view shows). */
  decorate(message, element) {
    const state = this.view.state;
    if (!state || message?.direction !== 'Operator' || element.querySelector('.read-mark')) return;
    if (message.seq <= (this.readByCustomer.get(state.id) ?? 0)) {
      (element.querySelector('.meta') ?? element).append(h('span', { class: 'read-mark', testid: 'read-mark', title: 'The customer has read it', text: 'Read' }));
    }
  }

  /** A message of the customer arrived, or another conversation opened: "typing…" is over. */
  showTyping(typing) {
    const element = byId('conversation-typing');
    clearTimeout(this.typingTimer);
    element.hidden = !typing;
    element.textContent = typing ? `${this.view.state?.summary?.customerName ?? 'The customer'} is typing…` : '';
    if (typing) this.typingTimer = setTimeout(() => this.showTyping(false), TYPING_SHOWN);
  }

  post(id, body) {
    return api(`/api/v1/conversations/${encodeURIComponent(id)}/signals`, { method: 'POST', body });
  }
}
