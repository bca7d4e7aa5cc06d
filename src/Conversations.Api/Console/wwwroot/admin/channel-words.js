// The channels screen's words in the tenant's language (its settings' `language`: "ru", else English for "en").
import { api } from '../api.js';

const WORDS = {
  en: {
    title: 'Channels', channel: 'Channel', name: 'Name', state: 'State',
    empty: 'No channels yet: create a widget, connect a Telegram bot or a support mailbox.',
    on: 'on', disabled: 'disabled', disconnected: 'disconnected', disconnect: 'Disconnect', disconnectedDone: 'Disconnected',
    disconnectConfirm: (channel, name) => `Disconnect ${channel} “${name}”? Customers there are no longer answered.`,
    widget: 'Website widget', widgetTitle: 'Title', widgetTitleHint: 'Shown at the top of the chat.', widgetCreate: 'Create widget', created: 'Created',
    copy: 'Copy', copied: 'Copied', pressCtrlC: 'Press Ctrl+C',
    telegram: 'Telegram bot', botToken: 'Bot token', botTokenHint: 'From @BotFather. It is checked with Telegram and never shown again.', connectBot: 'Connect bot', connected: 'Connected',
    mailbox: 'Support mailbox (e-mail)', address: 'Address', addressHint: 'The address customers write to; replies go out from it.',
    displayName: 'Display name', displayNameHint: 'The name replies go out under.',
    imapHost: 'IMAP server', imapPort: 'IMAP port', smtpHost: 'SMTP server', smtpPort: 'SMTP port', tls: 'Encryption',
    tlsModes: { SslOnConnect: 'TLS from the start', StartTls: 'STARTTLS', None: 'none (not recommended)' },
    username: 'Login', usernameHint: 'The address, when left empty.',
    credentialKind: 'Sign-in', credentialKinds: { Password: 'Password', OAuth2: 'OAuth 2.0 access token (Gmail, Microsoft 365)' },
    credential: 'Password or token', credentialHint: 'Both servers are signed in to before saving; it is never shown again.',
    signature: 'Signature', signatureHint: 'Below every reply (plain text).',
    reopenDays: 'Reopen within (days)', reopenDaysHint: 'An answer in a closed conversation’s thread reopens it this long after (0: never).',
    connectMailbox: 'Connect mailbox', checking: 'Checking both servers…',
  },
  ru: {
    title: 'Каналы', channel: 'Канал', name: 'Название', state: 'Состояние',
    empty: 'Каналов пока нет: создайте виджет, подключите Telegram-бота или почтовый ящик поддержки.',
    on: 'работает', disabled: 'отключён', disconnected: 'отключён', disconnect: 'Отключить', disconnectedDone: 'Отключён',
    disconnectConfirm: (channel, name) => `Отключить ${channel} «${name}»? Клиентам там больше не будут отвечать.`,
    widget: 'Виджет на сайте', widgetTitle: 'Заголовок', widgetTitleHint: 'Показывается вверху чата.', widgetCreate: 'Создать виджет', created: 'Создан',
    copy: 'Копировать', copied: 'Скопировано', pressCtrlC: 'Нажмите Ctrl+C',
    telegram: 'Telegram-бот', botToken: 'Токен бота', botTokenHint: 'Из @BotFather. Проверяется в Telegram и больше не показывается.', connectBot: 'Подключить бота', connected: 'Подключён',
    mailbox: 'Почтовый ящик поддержки (e-mail)', address: 'Адрес', addressHint: 'Адрес, на который пишут клиенты; с него уходят ответы.',
    displayName: 'Имя отправителя', displayNameHint: 'Под этим именем уходят ответы.',
    imapHost: 'Сервер IMAP', imapPort: 'Порт IMAP', smtpHost: 'Сервер SMTP', smtpPort: 'Порт SMTP', tls: 'Шифрование',
    tlsModes: { SslOnConnect: 'TLS сразу', StartTls: 'STARTTLS', None: 'без шифрования (не рекомендуется)' },
    username: 'Логин', usernameHint: 'Если пусто — адрес.',
    credentialKind: 'Вход', credentialKinds: { Password: 'Пароль', OAuth2: 'Токен доступа OAuth 2.0 (Gmail, Microsoft 365)' },
    credential: 'Пароль или токен', credentialHint: 'Перед сохранением проверяется вход на оба сервера; больше не показывается.',
    signature: 'Подпись', signatureHint: 'Под каждым ответом (обычный текст).',
    reopenDays: 'Переоткрывать в течение (дней)', reopenDaysHint: 'Ответ в переписке закрытого разговора переоткрывает его в этот срок (0 — никогда).',
    connectMailbox: 'Подключить ящик', checking: 'Проверяем оба сервера…',
  },
};

/** The words of the tenant's language. */
export async function channelWords() {
  const settings = await api('/api/v1/admin/settings');
  return settings.language === 'en' ? WORDS.en : WORDS.ru;
}
