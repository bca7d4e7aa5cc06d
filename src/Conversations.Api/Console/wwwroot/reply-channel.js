// The channel an operator's reply goes to: the one the customer last wrote from, unless the operator picks another
// channel the customer is linked on (each channel's own window rules apply; a refusal is shown as the error bar).
import { byId, channelLabel, h } from './dom.js';

/**
 * Offers the customer's linked channels in the composer (hidden while they have one channel only). A choice made for
 * this conversation stays while it is still offered; another conversation starts on the default.
 */
export function renderReplyChannel(conversationId, channel, identities) {
  const select = byId('reply-channel');
  const others = [...new Set((identities ?? []).map((identity) => identity.key.kind))].filter((kind) => kind !== channel);
  const previous = select.dataset.conversation === conversationId ? select.value : '';
  select.replaceChildren(
    h('option', { value: '', text: `${channelLabel(channel)} (where they wrote last)` }),
    ...others.map((kind) => h('option', { value: kind, text: channelLabel(kind) })));
  select.value = others.includes(previous) ? previous : '';
  select.dataset.conversation = conversationId;
  byId('reply-channel-field').hidden = others.length === 0;
}

/** A reply body with the operator's chosen channel, or unchanged for the default. */
export function onChosenChannel(body) {
  const channel = byId('reply-channel').value;
  return channel ? { ...body, channel } : body;
}
