// The operator console: signing in, then the inbox, the queue, the open conversation and search, all kept current by
// the live feed. Composition only; each part lives in its own module.
import { AdminConsole } from './admin/admin.js';
import { loadChannelFilter } from './channel-filter.js';
import { loadLabelFilter } from './labels.js';
import { Alerts } from './alerts.js';
import { api, session, whenUnauthorized } from './api.js';
import { ConversationView } from './conversation.js';
import { byId } from './dom.js';
import { attempt, clearError, reportError } from './errors.js';
import { Feed } from './feed.js';
import { Inbox } from './inbox.js';
import { Operators } from './operators.js';
import { Queue } from './queue.js';
import { Search } from './search.js';
import { bindShortcuts } from './shortcuts.js';
import { startTicker } from './time.js';
import { speakTopbar } from './topbar.js';

const NOTICE_KEY = 'conversations.console.notice';
const TENANT_KEY = 'conversations.console.tenant';
let running = null;

function showLogin(message) {
  byId('app-view').hidden = true;
  byId('login-view').hidden = false;
  const error = byId('login-error');
  error.hidden = !message;
  error.textContent = message ?? '';
  const form = byId('login-form');
  if (!form.tenant.value) form.tenant.value = localStorage.getItem(TENANT_KEY) ?? '';
  (form.tenant.value ? form.username : form.tenant).focus();
}

async function signIn(form) {
  byId('login-error').hidden = true;
  const tenant = form.tenant.value.trim();
  try {
    const answer = await api('/api/v1/auth/login', {
      method: 'POST',
      anonymous: true,
      body: { tenant, username: form.username.value.trim(), password: form.password.value },
    });
    session.save({ ...answer, tenant });
    localStorage.setItem(TENANT_KEY, tenant);
    form.password.value = '';
    await start(answer);
  } catch (error) {
    byId('login-error').textContent = error.message;
    byId('login-error').hidden = false;
  }
}

/** Builds the signed-in console. */
async function start(saved) {
  clearError();
  byId('login-view').hidden = true;
  byId('app-view').hidden = false;
  byId('operator-name').textContent = saved.operator.displayName;
  byId('operator-name').title = `${saved.operator.username} · ${saved.operator.role} · ${saved.tenant}`;
  byId('presence').value = saved.operator.presence;
  speakTopbar(saved.language);

  const operators = new Operators(saved.operator);
  const open = (id) => attempt(() => conversation.open(id));
  const inbox = new Inbox({ operators, onOpen: open });
  const conversation = new ConversationView({ operators, inbox });
  const alerts = new Alerts({ me: saved.operator, onOpen: open });
  const queue = new Queue({ onOpen: open, onChange: (entries) => alerts.queueChanged(entries) });
  conversation.alerts = alerts;
  bindShortcuts({ inbox, conversation, queue, open });
  new Search({ onOpen: open });
  const feed = new Feed({
    onConversation: (event) => {
      operators.learnFrom(event.messages);
      alerts.conversationChanged(event.conversation, inbox.items.get(event.conversation.conversationId));
      inbox.upsert(event.conversation);
      conversation.applyEvent(event);
      queue.refreshSoon();
    },
    onSignal: (signal) => conversation.signals.received(signal),
    onReconnected: ({ replayed }) => {
      // The server replays what changed since the last event id; without one there is nothing to resume from.
      if (!replayed) inbox.reload().catch(reportError);
      conversation.resync().catch(reportError);
      queue.refreshSoon();
    },
  });
  running = { feed, queue };
  // Admins get their screens beside the inbox; back in the inbox, canned replies may have changed.
  new AdminConsole(saved.operator, { onInbox: () => conversation.loadCannedReplies().catch(reportError) });

  const loading = Promise.all([
    operators.load(),
    inbox.reload(),
    queue.refresh(),
    conversation.loadCannedReplies(),
    loadChannelFilter(),
    loadLabelFilter(),
    api('/api/v1/me').then((me) => { byId('presence').value = me.presence; }),
  ]);
  // The stream opens while the first inbox page loads: a change in between arrives as an event rather than never.
  feed.start(saved.accessToken);
  await loading.catch(reportError);
}

/** Signs out: a fresh page, so every listener, timer and stream of the signed-in console goes with it. */
function stop(notice) {
  running?.feed.stop();
  running?.queue.stop();
  running = null;
  session.clear();
  if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
  location.reload();
}

whenUnauthorized(() => {
  if (running) stop('Your session has ended. Sign in again.');
});

byId('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn(event.target);
});

byId('presence').addEventListener('change', (event) => attempt(async () => {
  const me = await api('/api/v1/me/presence', { method: 'PUT', body: { presence: event.target.value } });
  event.target.value = me.presence;
}));

// Going offline first keeps the queue from assigning chats to someone who left.
byId('logout').addEventListener('click', () => api('/api/v1/me/presence', { method: 'PUT', body: { presence: 'Offline' } })
  .catch((error) => console.error('Could not go offline before signing out', error))
  .finally(() => stop()));

startTicker();
const saved = session.load();
const notice = sessionStorage.getItem(NOTICE_KEY);
sessionStorage.removeItem(NOTICE_KEY);
if (saved) start(saved).catch(reportError);
else showLogin(notice);
