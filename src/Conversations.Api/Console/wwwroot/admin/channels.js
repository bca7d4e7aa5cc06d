// Channels: the connected accounts (Telegram bots, widgets, VK, Meta...), the embed snippet of each widget with a copy
// button, creating a widget, connecting a Telegram bot, disconnecting.
import { api } from '../api.js';
import { channelLabel, h, replaceChildren } from '../dom.js';
import { copy, field, saving, status } from './forms.js';

/** The tag that embeds a widget (the same as the API answers when the widget is created). */
const snippet = (key) => `<script src="${location.origin}/widget/widget.js" data-widget="${key}" async></script>`;

/** Renders the section. */
export async function render(root) {
  const list = h('tbody', { testid: 'channels-list' });
  const reload = async () => {
    const accounts = await api('/api/v1/admin/channels');
    replaceChildren(list, accounts.length ? accounts.map((account) => row(account, reload))
      : h('tr', {}, h('td', { colspan: 4, class: 'empty', text: 'No channels yet: create a widget or connect a Telegram bot.' })));
  };

  const title = h('input', { required: true, maxlength: 200, placeholder: 'e.g. Shop', testid: 'widget-title' });
  const widgetLine = status('widget-status');
  const create = h('button', { type: 'submit', class: 'primary', testid: 'widget-create' }, 'Create widget');
  const widgetForm = h('form', { class: 'card' }, h('h3', { text: 'Website widget' }), field('Title', title, 'Shown at the top of the chat.'),
    h('div', { class: 'form-actions' }, create, widgetLine.element));
  widgetForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await saving(create, widgetLine, () => api('/api/v1/admin/channels/widgets', { method: 'POST', body: { title: title.value.trim() } }), 'Created')) {
      title.value = '';
      await reload();
    }
  });

  const token = h('input', { required: true, autocomplete: 'off', placeholder: '123456:ABC…', testid: 'telegram-token' });
  const telegramLine = status('telegram-status');
  const connect = h('button', { type: 'submit', class: 'primary', testid: 'telegram-connect' }, 'Connect bot');
  const telegramForm = h('form', { class: 'card' }, h('h3', { text: 'Telegram bot' }),
    field('Bot token', token, 'From @BotFather. It is checked with Telegram and never shown again.'),
    h('div', { class: 'form-actions' }, connect, telegramLine.element));
  telegramForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await saving(connect, telegramLine, () => api('/api/v1/admin/channels/telegram-bots', { method: 'POST', body: { token: token.value.trim(), mode: 'Webhook' } }), 'Connected')) {
      token.value = '';
      await reload();
    }
  });

  root.append(h('h2', { text: 'Channels' }),
    h('section', { class: 'card' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['Channel', 'Name', 'State', ''].map((t) => h('th', { text: t })))), list)),
    h('div', { class: 'form-grid' }, widgetForm, telegramForm));
  await reload();
}

function row(account, reload) {
  const { kind, account: id } = account.key;
  const disconnect = h('button', { type: 'button', class: 'danger', testid: 'channel-disconnect' }, 'Disconnect');
  const line = status();
  disconnect.addEventListener('click', async () => {
    if (!confirm(`Disconnect ${channelLabel(kind)} “${account.displayName}”? Customers there are no longer answered.`)) return;
    if (await saving(disconnect, line, () => api(`/api/v1/admin/channels/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' }).then(() => true), 'Disconnected')) await reload();
  });
  let embed = null;
  if (kind === 'Widget') {
    const code = h('code', { text: snippet(id), testid: 'widget-snippet' });
    embed = h('div', { class: 'form-actions' }, code,
      h('button', { type: 'button', testid: 'widget-copy', onclick: async (event) => { event.target.textContent = (await copy(snippet(id), code)) ? 'Copied' : 'Press Ctrl+C'; } }, 'Copy'));
  }
  return h('tr', { testid: 'channel-row', 'data-kind': kind, 'data-account': id },
    h('td', { text: channelLabel(kind) }),
    h('td', {}, h('div', { text: account.displayName }), h('div', { class: 'hint', text: id }), embed),
    h('td', { text: account.enabled ? `on (${account.mode.toLowerCase()})` : account.disabledReason ? `disabled: ${account.disabledReason}` : 'disconnected' }),
    h('td', { class: 'actions-cell' }, account.enabled ? disconnect : null, line.element));
}
