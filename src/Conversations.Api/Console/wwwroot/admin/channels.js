// Channels: the connected accounts (Telegram bots, widgets, VK, Meta, mailboxes...), the embed snippet of each widget
// with a copy button, each widget's appearance beside a live preview, creating a widget, connecting a Telegram bot or a support mailbox, disconnecting; in the tenant's
// language.
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { mailboxForm } from './email-mailbox.js';
import { copy, field, saving, status } from './forms.js';
import { appearanceCard } from './widget-appearance.js';
import { channelName, words } from './words.js';

/** The tag that embeds a widget (the same as the API answers when the widget is created). */
const snippet = (key) => `<script src="${location.origin}/widget/widget.js" data-widget="${key}" async></script>`;

/** Renders the section. */
export async function render(root) {
  const w = words().channels;
  const list = h('tbody', { testid: 'channels-list' });
  const appearance = h('div', { class: 'admin-section' });
  const reload = async () => {
    const accounts = await api('/api/v1/admin/channels');
    replaceChildren(list, accounts.length ? accounts.map((account) => row(account, reload, w))
      : h('tr', {}, h('td', { colspan: 4, class: 'empty', text: w.empty })));
    replaceChildren(appearance, await appearanceCard(accounts.filter((a) => a.key.kind === 'Widget' && a.enabled), w));
  };

  const title = h('input', { required: true, maxlength: 200, placeholder: w.widgetTitlePlaceholder, testid: 'widget-title' });
  const widgetLine = status('widget-status');
  const create = h('button', { type: 'submit', class: 'primary', testid: 'widget-create' }, w.widgetCreate);
  const widgetForm = h('form', { class: 'card' }, h('h3', { text: w.widget }), field(w.widgetTitle, title, w.widgetTitleHint),
    h('div', { class: 'form-actions' }, create, widgetLine.element));
  widgetForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await saving(create, widgetLine, () => api('/api/v1/admin/channels/widgets', { method: 'POST', body: { title: title.value.trim() } }), w.created)) {
      title.value = '';
      await reload();
    }
  });

  const token = h('input', { required: true, autocomplete: 'off', placeholder: '123456:ABC…', testid: 'telegram-token' });
  const telegramLine = status('telegram-status');
  const connect = h('button', { type: 'submit', class: 'primary', testid: 'telegram-connect' }, w.connectBot);
  const telegramForm = h('form', { class: 'card' }, h('h3', { text: w.telegram }),
    field(w.botToken, token, w.botTokenHint),
    h('div', { class: 'form-actions' }, connect, telegramLine.element));
  telegramForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await saving(connect, telegramLine, () => api('/api/v1/admin/channels/telegram-bots', { method: 'POST', body: { token: token.value.trim(), mode: 'Webhook' } }), w.connected)) {
      token.value = '';
      await reload();
    }
  });

  root.append(h('h2', { text: w.title }),
    h('section', { class: 'card' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, [w.channel, w.name, w.state, ''].map((t) => h('th', { text: t })))), list)),
    appearance,
    h('div', { class: 'form-grid' }, widgetForm, telegramForm, mailboxForm(w, reload)));
  await reload();
}

function row(account, reload, w) {
  const c = words().common;
  const { kind, account: id } = account.key;
  const disconnect = h('button', { type: 'button', class: 'danger', testid: 'channel-disconnect' }, w.disconnect);
  const line = status();
  disconnect.addEventListener('click', async () => {
    if (!confirm(w.disconnectConfirm(channelName(kind), account.displayName))) return;
    if (await saving(disconnect, line, () => api(`/api/v1/admin/channels/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' }).then(() => true), w.disconnectedDone)) await reload();
  });
  let embed = null;
  if (kind === 'Widget') {
    const code = h('code', { text: snippet(id), testid: 'widget-snippet' });
    embed = h('div', { class: 'form-actions' }, code,
      h('button', { type: 'button', testid: 'widget-copy', onclick: async (event) => { event.target.textContent = (await copy(snippet(id), code)) ? c.copied : c.pressCtrlC; } }, c.copy));
  }
  return h('tr', { testid: 'channel-row', 'data-kind': kind, 'data-account': id },
    h('td', { text: channelName(kind) }),
    h('td', {}, h('div', { translate: 'no', text: account.displayName }), h('div', { class: 'hint', translate: 'no', text: id }), embed),
    h('td', { text: account.enabled ? `${w.on} (${w.modes[account.mode] ?? account.mode})` : account.disabledReason ? `${w.disabled}: ${account.disabledReason}` : w.disconnected }),
    h('td', { class: 'actions-cell' }, account.enabled ? disconnect : null, line.element));
}
