// Alerts for a working day: a customer who starts waiting is never missed. The tab title and the Waiting tab carry the
// count of waiting customers; a new one (or a chat the queue assigned to this operator) plays a short sound and, once
// the operator allowed it, shows a desktop notification that opens the conversation when clicked.
import { byId } from './dom.js';
import { topbarWords } from './topbar.js';

const BASE_TITLE = document.title;

export class Alerts {
  constructor({ me, onOpen }) {
    this.me = me;
    this.onOpen = onOpen;
    this.waiting = null; // ids seen waiting at the last queue read; null before the first read (nothing is new then)
    this.audio = null;
    this.button = byId('alerts-enable');
    this.waitingTab = document.querySelector('#inbox-tabs [data-filter=waiting]');
    this.waitingLabel = this.waitingTab.textContent;
    this.button.addEventListener('click', () => this.enable());
    this.showPermission();
  }

  /** The queue was read: updates the counts and alerts about customers who were not waiting before. */
  queueChanged(entries) {
    const ids = new Set(entries.map((entry) => entry.conversationId));
    const fresh = this.waiting ? entries.filter((entry) => !this.waiting.has(entry.conversationId)) : [];
    this.waiting = ids;
    document.title = entries.length ? `(${entries.length}) ${BASE_TITLE}` : BASE_TITLE;
    this.waitingTab.textContent = entries.length ? `${this.waitingLabel} (${entries.length})` : this.waitingLabel;
    this.waitingTab.dataset.count = String(entries.length);
    for (const entry of fresh) {
      this.alert(`${entry.customerDisplayName} is waiting`, entry.reason || 'A customer asked for an operator.', entry.conversationId);
    }
  }

  /** A live change of a conversation: a chat the queue gave this operator is announced too. */
  conversationChanged(incoming, previous) {
    const mineNow = incoming.status === 'LiveChat' && incoming.assignedOperatorId === this.me.operatorId;
    const wasMine = previous?.status === 'LiveChat' && previous.assignedOperatorId === this.me.operatorId;
    if (mineNow && !wasMine && previous?.status === 'WaitingForOperator' && !this.taking?.has(incoming.conversationId)) {
      this.alert(`${incoming.customerName} was assigned to you`, 'The chat is yours: answer it now.', incoming.conversationId);
    }
  }

  /** Marks a take by this operator (their own click is not news to them). */
  taken(conversationId) {
    this.taking ??= new Set();
    this.taking.add(conversationId);
  }

  alert(title, body, conversationId) {
    this.beep();
    const signal = byId('alert-live');
    signal.textContent = title;
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    const notification = new Notification(title, { body, tag: `conversation-${conversationId}` });
    notification.onclick = () => {
      window.focus();
      this.onOpen(conversationId);
      notification.close();
    };
  }

  /** A short two-tone chime, made on the spot (no sound file to load); silent until the page has had a click. */
  beep() {
    try {
      this.audio ??= new AudioContext();
      const now = this.audio.currentTime;
      for (const [offset, frequency] of [[0, 880], [0.18, 660]]) {
        const tone = this.audio.createOscillator();
        const gain = this.audio.createGain();
        tone.frequency.value = frequency;
        gain.gain.setValueAtTime(0.15, now + offset);
        gain.gain.exponentialRampToValueAtTime(0.001, now + offset + 0.16);
        tone.connect(gain).connect(this.audio.destination);
        tone.start(now + offset);
        tone.stop(now + offset + 0.17);
      }
      byId('alert-live').dataset.chimes = String(Number(byId('alert-live').dataset.chimes ?? 0) + 1);
    } catch (error) {
      console.warn('No sound for the alert', error);
    }
  }

  async enable() {
    if ('Notification' in window && Notification.permission === 'default') await Notification.requestPermission();
    this.audio ??= new AudioContext();
    await this.audio.resume().catch(() => {});
    this.showPermission();
  }

  showPermission() {
    const state = 'Notification' in window ? Notification.permission : 'unsupported';
    this.button.dataset.permission = state;
    this.button.hidden = state === 'granted' || state === 'unsupported';
    this.button.textContent = state === 'denied' ? topbarWords().alertsBlocked : topbarWords().enableAlerts;
    this.button.disabled = state === 'denied';
  }
}
