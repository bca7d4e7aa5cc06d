// The inbox's channel filter offers the channels this tenant has connected (GET /api/v1/channels), not every kind.
import { api } from './api.js';
import { byId, channelLabel, h } from './dom.js';

export async function loadChannelFilter() {
  const kinds = await api('/api/v1/channels');
  const select = byId('inbox-channel');
  const chosen = select.value;
  select.replaceChildren(h('option', { value: '', text: 'All' }), ...kinds.map((kind) => h('option', { value: kind, text: channelLabel(kind) })));
  select.value = kinds.includes(chosen) ? chosen : '';
  select.closest('label').hidden = kinds.length < 2;
}
