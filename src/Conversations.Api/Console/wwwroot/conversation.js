// The open conversation: its header (status, operator, countdowns), actions, history and the reply composer.
//
// Keeping the history complete: `knownSeq` is the sequence number up to which this view has every message it
// shows. A live event whose messages start right after it extends it; one that starts later (a dropped event, a
// reconnect) or a row whose lastSeq is ahead of it makes the view fetch the history after knownSeq. Messages are
// kept by seq, so anything seen twice is shown once.
import { api, query } from './api.js';
import { bindAttachments } from './attach.js';
import { byId, channelLabel, h, statusLabel } from './dom.js';
import { attempt, reportError } from './errors.js';
import { isNewer } from './inbox.js';
import { loadLabelFilter, renderHeaderLabels } from './labels.js';
import { awaitsDelivery, isOutbound, renderMessage } from './messages.js';
import { renderProfile } from './profile.js';
import { LiveSignals } from './signals.js';
import { onChosenChannel, renderReplyChannel } from './reply-channel.js';
import { SlashCompletion } from './slash.js';
import { needsTemplate, TemplatePicker, untilTemplateNeeded } from './templates.js';
import { countdown } from './time.js';

const PAGE = 200;
const MAX_PAGES = 25;
const DELIVERY_CHECKS = 8;

export class ConversationView {
  constructor({ operators, inbox }) {
    this.operators = operators;
    this.inbox = inbox;
    this.state = null;
    this.cannedReplies = [];
    this.botParts = [];
    this.alerts = null;
    this.list = byId('message-list');
    this.signals = new LiveSignals(this);

    byId('action-take').addEventListener('click', (e) => attempt(() => {
      if (this.state) this.alerts?.taken(this.state.id);
      return this.act('take');
    }, e.currentTarget));
    byId('action-release').addEventListener('click', (e) => attempt(() => this.act('release'), e.currentTarget));
    byId('action-remind').addEventListener('click', (e) => attempt(() => this.act('remind'), e.currentTarget));
    byId('action-close').addEventListener('click', (e) => {
      if (confirm('Close this conversation?')) attempt(() => this.act('close'), e.currentTarget);
    });
    byId('action-transfer').addEventListener('click', (e) => attempt(() => this.transfer(), e.currentTarget));
    // Presence changes all day: the list is read again when the operator goes to pick from it (the pointer reaching it
    // comes before the click that opens it, in time for the fresh list), and every 30 s while it is shown.
    byId('transfer-to').addEventListener('focus', () => this.refreshColleagues());
    byId('transfer-to').addEventListener('pointerenter', () => this.refreshColleagues());
    setInterval(() => { if (!byId('transfer').hidden) this.refreshColleagues(); }, 30_000);
    byId('toggle-bot').addEventListener('change', () => this.reloadHistory());
    byId('toggle-events').addEventListener('change', () => this.reloadHistory());

    byId('composer-tabs').addEventListener('click', (event) => {
      const tab = event.target.closest('[data-kind]');
      if (tab) this.showComposer(tab.dataset.kind);
    });
    this.bindReply('reply-text', (form) => ({ text: form.text.value.trim() }));
    this.bindReply('reply-image', (form) => ({ imageUrl: form.imageUrl.value.trim(), caption: form.caption.value.trim() || null }));
    this.bindReply('reply-link', (form) => ({
      linkUrl: form.linkUrl.value.trim(), linkTitle: form.linkTitle.value.trim(), caption: form.caption.value.trim() || null,
    }));
    this.bindReply('reply-bot', (form) => ({ botStep: form.botStep.value }));
    byId('reply-bot').botStep.addEventListener('change', () => this.renderBotPreview());
    byId('reply-note').addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      attempt(async () => {
        await this.addNote(form.text.value.trim());
        form.reset();
      }, form.querySelector('[type=submit]'));
    });
    this.slash = new SlashCompletion({
      input: byId('reply-text-input'),
      replies: () => this.cannedReplies,
      onSendCanned: (reply) => attempt(async () => {
        await this.send({ cannedReplyId: reply.id });
        await this.loadCannedReplies();
      }),
    });
    byId('reply-text-input').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        byId('reply-text').requestSubmit();
      }
    });
    byId('canned-filter').addEventListener('input', () => this.renderCanned());
    this.templates = new TemplatePicker({ onSend: (body) => this.send(body) });
    byId('reply-template').addEventListener('submit', (event) => {
      event.preventDefault();
      attempt(() => this.templates.send(), event.currentTarget.querySelector('[type=submit]'));
    });
    this.showComposer('text');
    bindAttachments(this);
  }

  /** Opens a conversation: its detail, then its history. */
  async open(id) {
    this.closeView();
    const state = {
      id, summary: null, messages: new Map(), elements: new Map(), knownSeq: 0, wantedSeq: 0,
      loading: true, pending: [], catchingUp: null, deliveryTimer: null, windowTimer: null, templateMode: false, deliveryChecks: 0, nameLookup: null,
    };
    this.state = state;
    this.signals.showTyping(false);
    this.inbox.select(id);
    byId('conversation-placeholder').hidden = true;
    byId('conversation').hidden = false;
    byId('conversation-title').textContent = 'Loading…';
    this.list.replaceChildren();
    try {
      const detail = await api(`/api/v1/conversations/${encodeURIComponent(id)}`);
      if (this.state !== state) return;
      renderProfile(detail);
      state.identities = detail.customer?.identities ?? [];
      this.setSummary(detail.summary);
      this.loadBotParts().catch(reportError);
      await this.loadHistory(state);
    } catch (error) {
      if (this.state === state) this.closeView();
      throw error;
    }
  }

  /** Empties the view. */
  closeView() {
    if (this.state) {
      clearTimeout(this.state.deliveryTimer);
      clearTimeout(this.state.windowTimer);
    }
    this.state = null;
    this.inbox.select(null);
    byId('conversation').hidden = true;
    byId('conversation-placeholder').hidden = false;
    renderProfile(null);
  }

  /** A live event ({conversation, messages}) for the open conversation. */
  applyEvent(event) {
    const state = this.state;
    if (!state || event.conversation.conversationId !== state.id) return;
    if (state.loading) {
      state.pending.push(event);
      return;
    }
    this.setSummary(event.conversation);
    const messages = event.messages ?? [];
    if (messages.length && messages[0].seq <= state.knownSeq + 1) {
      for (const message of messages) this.addMessage(message);
      state.knownSeq = Math.max(state.knownSeq, messages[messages.length - 1].seq);
    }
    if (event.conversation.lastSeq > state.knownSeq) this.catchUp(event.conversation.lastSeq);
  }

  /** After the event stream reconnected: reads the conversation again and fetches what was missed. */
  async resync() {
    const state = this.state;
    if (!state || state.loading) return;
    const detail = await api(`/api/v1/conversations/${encodeURIComponent(state.id)}`);
    if (this.state !== state) return;
    renderProfile(detail);
    this.setSummary(detail.summary);
    this.catchUp(detail.summary.lastSeq);
  }

  /** The parts of the bot this conversation's customer can be sent, with previews (GET .../bot-parts). */
  async loadBotParts() {
    const state = this.state;
    if (!state) return;
    const parts = await api(`/api/v1/conversations/${encodeURIComponent(state.id)}/bot-parts`);
    if (this.state !== state) return;
    this.botParts = parts;
    const select = byId('reply-bot').botStep;
    const chosen = select.value;
    select.replaceChildren(...(parts.length
      ? parts.map((part) => h('option', { value: part.step, text: `${part.step} — ${partTitle(part)}` }))
      : [h('option', { value: '', text: 'The bot has no parts to send' })]));
    if (parts.some((part) => part.step === chosen)) select.value = chosen;
    this.renderBotPreview();
  }

  /** What the customer gets from the picked part, as the console shows messages. */
  renderBotPreview() {
    const part = this.botParts.find((candidate) => candidate.step === byId('reply-bot').botStep.value);
    byId('bot-part-preview').replaceChildren(...(part
      ? part.preview.map((content, index) => renderMessage(
        { content, direction: 'Bot', seq: -1 - index, createdAt: new Date().toISOString(), delivery: { status: 'Preview' } }, this.operators))
      : []));
  }

  /** Writes a private note (POST .../notes): colleagues see it, the customer never does. */
  async addNote(text) {
    const state = this.state;
    const note = await api(`/api/v1/conversations/${encodeURIComponent(state.id)}/notes`, { method: 'POST', body: { text } });
    if (this.state !== state) return;
    this.addMessage(note);
    this.scrollToEnd();
  }

  /** The canned replies to pick from (GET /api/v1/canned-replies). */
  async loadCannedReplies() {
    this.cannedReplies = await api('/api/v1/canned-replies');
    this.renderCanned();
  }

  // --- history -------------------------------------------------------------------------------------------------

  async loadHistory(state) {
    state.loading = true;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const messages = await this.fetchAfter(state, 0);
      if (this.state !== state) return;
      this.operators.learnFrom(messages);
      state.messages.clear();
      state.elements.clear();
      this.list.replaceChildren();
      for (const message of messages) this.addMessage(message);
      state.knownSeq = Math.max(state.summary?.lastSeq ?? 0, ...messages.map((m) => m.seq));
    } finally {
      if (this.state === state) {
        state.loading = false;
        this.list.setAttribute('aria-busy', 'false');
        this.scrollToEnd();
        const pending = state.pending.splice(0);
        for (const event of pending) this.applyEvent(event);
      }
    }
  }

  reloadHistory() {
    const state = this.state;
    if (state && !state.loading) this.loadHistory(state).catch(reportError);
  }

  /** The messages after `after` shown by this view (customer and operator; bot and events when toggled on). */
  async fetchAfter(state, after) {
    const all = [];
    let cursor = after;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const batch = await api(`/api/v1/conversations/${encodeURIComponent(state.id)}/messages${query({
        after: cursor,
        limit: PAGE,
        includeBot: byId('toggle-bot').checked,
        // Events always: private notes are events and are always shown; the others only when toggled on (isShown).
        includeEvents: true,
      })}`);
      all.push(...batch);
      if (batch.length < PAGE) break;
      cursor = batch[batch.length - 1].seq;
    }
    return all;
  }

  /** Fetches the history after knownSeq until the view has everything up to `target` (one fetch at a time). */
  catchUp(target) {
    const state = this.state;
    state.wantedSeq = Math.max(state.wantedSeq, target);
    if (state.catchingUp) return;
    state.catchingUp = (async () => {
      try {
        while (this.state === state && state.knownSeq < state.wantedSeq) {
          const goal = state.wantedSeq;
          const messages = await this.fetchAfter(state, state.knownSeq);
          if (this.state !== state) return;
          for (const message of messages) this.addMessage(message);
          // The answer covers everything up to `goal` at least, shown or filtered out (bot messages, events).
          state.knownSeq = Math.max(state.knownSeq, goal, ...messages.map((m) => m.seq));
        }
      } catch (error) {
        reportError(error);
      } finally {
        state.catchingUp = null;
      }
    })();
  }

  isShown(message) {
    switch (message.direction) {
      case 'Bot': return byId('toggle-bot').checked;
      case 'System': return message.content?.event === 'NoteAdded' || byId('toggle-events').checked;
      default: return true;
    }
  }

  /** Shows a message in seq order, or replaces the one with its seq (a delivery report, an edit). */
  addMessage(message) {
    const state = this.state;
    if (!state || message.conversationId !== state.id || !this.isShown(message)) return;
    const known = state.messages.get(message.seq);
    if (known && !message.delivery && known.delivery) message = { ...message, delivery: known.delivery };
    if (known && JSON.stringify(known) === JSON.stringify(message)) return;

    state.messages.set(message.seq, message);
    const element = renderMessage(message, this.operators);
    const old = state.elements.get(message.seq);
    state.elements.set(message.seq, element);
    if (old) {
      old.replaceWith(element);
    } else {
      const atEnd = this.isScrolledToEnd();
      // Messages mostly arrive in order: walk back from the end to the first one with a lower seq.
      let next = null;
      for (let sibling = this.list.lastElementChild; sibling && Number(sibling.dataset.seq) > message.seq; sibling = sibling.previousElementSibling) {
        next = sibling;
      }
      this.list.insertBefore(element, next);
      if (atEnd) this.scrollToEnd();
    }
    this.signals.shown(message, element);
    if (awaitsDelivery(message)) this.watchDelivery(true);
  }

  isScrolledToEnd() {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
  }

  scrollToEnd() {
    this.list.scrollTop = this.list.scrollHeight;
  }

  /**
   * Outbound messages show their delivery status; the live feed does not report deliveries, so while some are not
   * final yet the history after them is read again, backing off (1 s, 2 s, 4 s… at most DELIVERY_CHECKS times).
   */
  watchDelivery(restart = false) {
    const state = this.state;
    if (restart) state.deliveryChecks = 0;
    if (state.deliveryTimer || state.deliveryChecks >= DELIVERY_CHECKS) return;
    const delay = Math.min(1000 * 2 ** state.deliveryChecks, 15000);
    state.deliveryTimer = setTimeout(async () => {
      state.deliveryTimer = null;
      if (this.state !== state) return;
      const waiting = [...state.messages.values()].filter(awaitsDelivery);
      if (!waiting.length) return;
      state.deliveryChecks += 1;
      try {
        const fresh = await this.fetchAfter(state, Math.min(...waiting.map((m) => m.seq)) - 1);
        if (this.state !== state) return;
        for (const message of fresh) {
          if (isOutbound(message) && state.messages.has(message.seq)) this.addMessage(message);
        }
      } catch (error) {
        reportError(error);
      }
      if (this.state === state && [...state.messages.values()].some(awaitsDelivery)) this.watchDelivery();
    }, delay);
  }

  // --- summary and actions -------------------------------------------------------------------------------------

  /** Shows the conversation's state, unless it is older than the one shown (events and answers can cross). */
  setSummary(incoming) {
    const state = this.state;
    if (!isNewer(incoming, state.summary)) return;
    const summary = this.operators.named(incoming, state.summary);
    state.summary = summary;
    const live = summary.status === 'LiveChat';
    const mine = this.operators.isMine(summary);
    const closed = summary.status === 'Closed';

    byId('conversation-title').textContent = summary.customerName;
    const status = byId('conversation-status');
    status.textContent = statusLabel(summary.status);
    status.className = `status status-${summary.status}`;
    status.dataset.status = summary.status;
    byId('conversation-channel').textContent = channelLabel(summary.channel);
    renderOtherChannels(summary.channel, state.identities);
    renderReplyChannel(state.id, summary.channel, state.identities);
    byId('conversation-operator').textContent = live ? `Operator: ${summary.operatorName ?? 'a colleague'}` : '';
    byId('conversation-reason').textContent = summary.status === 'WaitingForOperator' && summary.handoffReason ? summary.handoffReason : '';
    renderHeaderLabels(summary, (labels) => this.setLabels(labels));
    countdown(byId('conversation-window'), summary.windowClosesAt, { over: 'closed' });
    byId('conversation-release-fact').hidden = !live;
    countdown(byId('conversation-release'), live ? summary.autoReleaseAt : null, { none: '—', over: 'due' });

    byId('action-take').hidden = mine || closed;
    byId('action-release').hidden = !mine;
    byId('action-remind').hidden = !mine;
    byId('action-close').hidden = closed;
    const colleagues = this.operators.colleagues.filter((colleague) => colleague.operatorId !== this.operators.me.operatorId);
    byId('transfer').hidden = !mine || !this.operators.canTransfer || colleagues.length === 0;
    if (!byId('transfer').hidden) this.renderColleagues(colleagues);

    byId('composer-hint').hidden = mine;
    byId('composer-hint').textContent = closed ? 'This conversation is closed.' : 'Take the chat to reply.';
    byId('composer-body').hidden = !mine;
    this.applyWindow(state);

    this.inbox.upsert(summary);
    if (live && !summary.operatorName && state.nameLookup !== summary.assignedOperatorId) this.lookUpOperatorName(state);
  }

  /** Replaces the open conversation's labels; the filter's list of labels in use follows. */
  async setLabels(labels) {
    const state = this.state;
    const row = await api(`/api/v1/conversations/${encodeURIComponent(state.id)}/labels`, { method: 'PUT', body: { labels } });
    if (this.state === state) this.setSummary(row);
    await loadLabelFilter();
  }

  /** Live events and action answers carry no operator name; the conversation's detail has it. */
  lookUpOperatorName(state) {
    state.nameLookup = state.summary.assignedOperatorId;
    api(`/api/v1/conversations/${encodeURIComponent(state.id)}`)
      .then((detail) => {
        if (this.state === state) this.setSummary(detail.summary);
      })
      .catch(reportError);
  }

  async act(action) {
    const state = this.state;
    const item = await api(`/api/v1/conversations/${encodeURIComponent(state.id)}/${action}`, { method: 'POST' });
    if (this.state === state) this.setSummary(item);
    else this.inbox.upsert(item);
  }

  async transfer() {
    const state = this.state;
    const to = byId('transfer-to').value;
    if (!to) throw new Error('Pick a colleague or a group to transfer the chat to.');
    const note = byId('transfer-note').value.trim() || null;
    const body = to.startsWith('group:') ? { group: to.slice('group:'.length), note } : { operatorId: to, note };
    const item = await api(`/api/v1/conversations/${encodeURIComponent(state.id)}/transfer`, { method: 'POST', body });
    byId('transfer-note').value = '';
    if (this.state === state) {
      this.setSummary(item);
      this.catchUp(item.lastSeq);
    }
  }

  refreshColleagues() {
    this.operators.load()
      .then(() => {
        if (this.state) this.renderColleagues(this.operators.colleagues.filter((c) => c.operatorId !== this.operators.me.operatorId));
      })
      .catch(reportError);
  }

  renderColleagues(colleagues) {
    const select = byId('transfer-to');
    const chosen = select.value;
    // Groups are the ones operators are in; a chat passed to one waits in the queue for a member.
    const groups = [...new Set(this.operators.colleagues.flatMap((colleague) => colleague.groups ?? []))].sort();
    select.replaceChildren(h('option', { value: '', text: 'Pick a colleague or a group' }),
      ...colleagues.map((colleague) => h('option', { value: colleague.operatorId, text: `${colleague.displayName} (${colleague.presence.toLowerCase()})` })),
      groups.length
        ? h('optgroup', { label: 'Groups' }, ...groups.map((group) => {
          const online = this.operators.colleagues.filter((c) => (c.groups ?? []).includes(group) && c.presence === 'Online').length;
          return h('option', { value: `group:${group}`, text: `${group} (${online} online)` });
        }))
        : null);
    select.value = chosen;
  }

  // --- composer ------------------------------------------------------------------------------------------------

  /**
   * WhatsApp's window: the Template tab is offered on WhatsApp conversations; when the window has run out (now, or
   * later while the view is open) the composer says so and switches to it once; when the customer writes again and the
   * window reopens, back to text.
   */
  applyWindow(state) {
    const summary = state.summary;
    const templateTab = byId('composer-tabs').querySelector('[data-kind=template]');
    templateTab.hidden = summary.channel !== 'WhatsApp';
    if (templateTab.hidden && templateTab.getAttribute('aria-selected') === 'true') this.showComposer('text');
    const closed = needsTemplate(summary);
    byId('composer-window-closed').hidden = !closed;
    if (closed !== !!state.templateMode) {
      state.templateMode = closed;
      this.showComposer(closed ? 'template' : 'text');
    }
    if (summary.channel === 'WhatsApp') this.templates.load().catch(reportError);
    clearTimeout(state.windowTimer);
    const left = untilTemplateNeeded(summary);
    if (left !== null) state.windowTimer = setTimeout(() => this.state === state && this.applyWindow(state), left + 500);
  }

  showComposer(kind) {
    for (const tab of byId('composer-tabs').querySelectorAll('[data-kind]')) tab.setAttribute('aria-selected', String(tab.dataset.kind === kind));
    for (const part of document.querySelectorAll('.composer .reply')) part.hidden = part.dataset.kind !== kind;
  }

  bindReply(formId, bodyOf) {
    const form = byId(formId);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const submit = form.querySelector('[type=submit]');
      attempt(async () => {
        await this.send(bodyOf(form));
        form.reset();
      }, submit);
    });
  }

  /**
   * Sends a reply (POST /api/v1/conversations/{id}/messages) on the chosen channel; the messages show at once, then
   * their delivery.
   */
  async send(body) {
    const state = this.state;
    const sent = await api(`/api/v1/conversations/${encodeURIComponent(state.id)}/messages`, { method: 'POST', body: onChosenChannel(body) });
    if (this.state !== state) return;
    for (const message of sent) this.addMessage(message);
    this.scrollToEnd();
  }

  renderCanned() {
    const needle = byId('canned-filter').value.trim().toLowerCase();
    const replies = this.cannedReplies.filter((reply) =>
      !needle || reply.shortcut.toLowerCase().includes(needle) || reply.title.toLowerCase().includes(needle));
    byId('canned-list').replaceChildren(...(replies.length
      ? replies.map((reply) => h('li', { class: 'canned-reply', testid: 'canned-reply', 'data-shortcut': reply.shortcut },
        h('span', { class: 'canned-text' },
          h('b', { text: reply.title }), ' ', h('code', { text: `/${reply.shortcut}` }),
          h('span', { class: 'muted canned-preview', text: reply.contents.map(previewOf).join(' · ') })),
        h('span', { class: 'usage', testid: 'canned-usage', title: 'Times sent', text: `sent ${reply.usageCount}×` }),
        h('button', {
          type: 'button',
          class: 'primary',
          testid: 'canned-send',
          'aria-label': `Send the canned reply ${reply.title}`,
          text: 'Send',
          onclick: (event) => attempt(async () => {
            await this.send({ cannedReplyId: reply.id });
            await this.loadCannedReplies();
          }, event.currentTarget),
        })))
      : [h('li', { class: 'muted', text: this.cannedReplies.length ? 'No canned reply matches.' : 'No canned replies yet.' })]));
  }
}

/** "Also on Telegram, VK": the customer's other channels (linked identities), beside the one they wrote from last. */
function renderOtherChannels(channel, identities) {
  const others = [...new Set((identities ?? []).filter((i) => i.key.kind !== channel).map((i) => i.key.kind))];
  const element = byId('conversation-other-channels');
  element.hidden = others.length === 0;
  element.textContent = others.length ? `Also on ${others.map(channelLabel).join(', ')}` : '';
  element.title = (identities ?? []).filter((i) => i.key.kind !== channel)
    .map((i) => `${channelLabel(i.key.kind)} · ${i.key.account}${i.unreachable ? ' (unreachable)' : ''}`).join('\n');
}

function partTitle(part) {
  const first = part.preview[0];
  const text = first?.text ?? first?.caption ?? first?.title ?? first?.type ?? '';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function previewOf(content) {
  switch (content.type) {
    case 'text': return content.text;
    case 'image': return `🖼 ${content.caption ?? 'image'}`;
    case 'link': return `🔗 ${content.title}`;
    default: return content.type;
  }
}
