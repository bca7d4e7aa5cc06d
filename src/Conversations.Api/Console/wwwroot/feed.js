// The live feed (GET /api/v1/events, server-sent events). EventSource reconnects by itself and sends Last-Event-ID,
// after which the server replays the conversations changed meanwhile. When the browser gives up (the server refused
// the stream, e.g. an expired token), the console checks the token and opens a new stream from the last position.
import { api } from './api.js';
import { byId } from './dom.js';

const labels = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', offline: 'offline' };

export class Feed {
  constructor({ onConversation, onSignal, onReconnected }) {
    this.onConversation = onConversation;
    this.onSignal = onSignal;
    this.onReconnected = onReconnected;
    this.source = null;
    this.lastEventId = null;
    this.interrupted = false;
    this.retryTimer = null;
  }

  /** Opens the stream with the operator's token. */
  start(token) {
    this.token = token;
    this.connect();
  }

  stop() {
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
  }

  connect() {
    this.stop();
    const since = this.lastEventId ? `&since=${encodeURIComponent(this.lastEventId)}` : '';
    const source = new EventSource(`/api/v1/events?access_token=${encodeURIComponent(this.token)}${since}`);
    this.source = source;
    this.setStatus(this.interrupted ? 'reconnecting' : 'connecting');

    source.addEventListener('ready', () => {
      this.setStatus('live');
      if (this.interrupted) {
        this.interrupted = false;
        this.onReconnected({ replayed: this.lastEventId !== null });
      }
    });
    source.addEventListener('conversation', (event) => {
      if (event.lastEventId) this.lastEventId = event.lastEventId;
      this.onConversation(JSON.parse(event.data));
    });
    // A customer typing or reading: live only, it carries no position.
    source.addEventListener('signal', (event) => this.onSignal(JSON.parse(event.data)));
    // The operator's password or role changed, they were removed, or the token expired: the stream has ended, and
    // retry() sends them to sign in.
    source.addEventListener('signed-out', () => {
      if (this.source !== source) return;
      source.close();
      this.interrupted = true;
      this.setStatus('offline');
      this.retry();
    });
    source.addEventListener('error', () => {
      if (this.source !== source) return;
      this.interrupted = true;
      if (source.readyState === EventSource.CLOSED) {
        this.setStatus('offline');
        this.retryTimer = setTimeout(() => this.retry(), 3000);
      } else {
        this.setStatus('reconnecting');
      }
    });
  }

  /** The browser stopped retrying: a refused token sends the operator to sign in (api() handles 401), else reopen. */
  async retry() {
    try {
      await api('/api/v1/me');
    } catch (error) {
      if (error.status === 401) return;
      // Unreachable or failing server: the new stream below fails too and brings us back here in 3 s.
    }
    if (this.source) this.connect();
  }

  setStatus(state) {
    const status = byId('feed-status');
    status.dataset.state = state;
    status.textContent = labels[state];
  }
}
