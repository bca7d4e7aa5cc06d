// `/` completion in the reply box: typing "/" and the start of a canned reply's shortcut lists the matching replies;
// ↑/↓ move, Enter or Tab picks, Escape closes. A reply that is one text is put into the box to edit and send; one with
// pictures or links is sent as it is.
import { byId, h } from './dom.js';

export class SlashCompletion {
  constructor({ input, replies, onSendCanned }) {
    this.input = input;
    this.replies = replies;
    this.onSendCanned = onSendCanned;
    this.list = byId('slash-list');
    this.matches = [];
    this.active = 0;
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', 'slash-list');
    input.addEventListener('input', () => this.update());
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    // Capture: the box's own Enter (send) must not run while a suggestion is being picked.
    input.addEventListener('keydown', (event) => this.key(event), true);
  }

  update() {
    const typed = /^\/(\S*)$/.exec(this.input.value);
    if (!typed) return this.close();
    const needle = typed[1].toLowerCase();
    this.matches = this.replies().filter((reply) => reply.shortcut.toLowerCase().startsWith(needle)
      || (needle.length > 1 && reply.title.toLowerCase().includes(needle))).slice(0, 8);
    this.active = 0;
    this.render();
  }

  render() {
    this.list.hidden = this.matches.length === 0;
    this.input.setAttribute('aria-expanded', String(!this.list.hidden));
    this.list.replaceChildren(...this.matches.map((reply, index) => h('li', {
      id: `slash-${index}`,
      role: 'option',
      class: index === this.active ? 'active' : '',
      'aria-selected': String(index === this.active),
      testid: 'slash-option',
      'data-shortcut': reply.shortcut,
      onmousedown: (event) => { event.preventDefault(); this.pick(reply); },
    }, h('code', { text: `/${reply.shortcut}` }), ' ', h('span', { text: reply.title }),
    h('span', { class: 'muted', text: ` — ${preview(reply)}` }))));
    if (!this.list.hidden) this.input.setAttribute('aria-activedescendant', `slash-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  key(event) {
    if (this.list.hidden || !this.matches.length) return;
    const moves = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves) {
      this.active = (this.active + moves[event.key] + this.matches.length) % this.matches.length;
      this.render();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      this.pick(this.matches[this.active]);
    } else if (event.key === 'Escape') {
      this.close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  pick(reply) {
    this.close();
    const [only] = reply.contents;
    if (reply.contents.length === 1 && only.type === 'text' && !(only.buttons?.length)) {
      this.input.value = only.text;
      this.input.focus();
      this.input.setSelectionRange(only.text.length, only.text.length);
    } else {
      this.input.value = '';
      this.onSendCanned(reply);
    }
  }

  close() {
    this.matches = [];
    this.list.hidden = true;
    this.list.replaceChildren();
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}

function preview(reply) {
  return reply.contents.map((content) => content.text ?? content.caption ?? content.title ?? content.type).join(' · ');
}
