// Settings: language, working hours (a weekly editor and holidays), timers, notifications, handoff and the FAQ
// threshold. Saved with PATCH /api/v1/admin/settings (a JSON merge patch): texts are the Texts section's. The
// notification webhook and each events-out subscription have a "Send test" that shows how the endpoint answered.
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { field, lines, saving, status } from './forms.js';
import { words } from './words.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
// Each language is named in itself, whatever the screen's language.
const LANGUAGES = { ru: 'Русский (ru)', en: 'English (en)' };

/** One interval "09:00-18:00" as two time inputs; an end of "24:00" shows as 00:00 (a time input stops at 23:59). */
function interval(t, dayName, text = '09:00-18:00') {
  const [from, to] = text.split('-');
  const start = h('input', { type: 'time', value: from, required: true, 'aria-label': t.from(dayName), testid: 'interval-from' });
  const end = h('input', { type: 'time', value: to === '24:00' ? '00:00' : to, required: true, 'aria-label': t.until(dayName), testid: 'interval-to' });
  const element = h('span', { class: 'interval', testid: 'interval' }, start, '–', end,
    h('button', { type: 'button', class: 'icon-button', 'aria-label': t.removeInterval(dayName), testid: 'interval-remove', onclick: () => element.remove() }, '×'));
  element.read = () => `${start.value}-${end.value === '00:00' ? '24:00' : end.value}`;
  return element;
}

function dayRow(t, day, intervals) {
  const dayName = t.days[day];
  const list = h('span', { class: 'intervals' }, intervals.map((text) => interval(t, dayName, text)));
  const add = h('button', { type: 'button', class: 'link-button', testid: `settings-add-${day}`, onclick: () => list.append(interval(t, dayName)) }, t.addHours);
  list.append(add);
  const row = [h('span', { class: 'day', text: dayName }), h('div', { testid: `settings-day-${day}` }, list)];
  row.read = () => [...list.querySelectorAll('.interval')].map((element) => element.read());
  return row;
}

function chipList(values, testid, removeLabel) {
  const list = h('ul', { class: 'chips', testid });
  const add = (value) => {
    const chip = h('li', { class: 'chip', 'data-value': value }, value,
      h('button', { type: 'button', class: 'icon-button', 'aria-label': removeLabel(value), onclick: () => chip.remove() }, '×'));
    list.append(chip);
  };
  values.forEach(add);
  list.add = (value) => {
    if (value && ![...list.children].some((chip) => chip.dataset.value === value)) add(value);
  };
  list.read = () => [...list.children].map((chip) => chip.dataset.value);
  return list;
}

/** Renders the section. */
export async function render(root, admin) {
  const t = words().settings;
  const settings = await api('/api/v1/admin/settings');
  const hours = settings.workingHours;

  const language = h('select', { testid: 'settings-language' },
    Object.entries(LANGUAGES).map(([value, text]) => h('option', { value, text, lang: value, translate: 'no', selected: (settings.language ?? 'ru') === value })));
  const zones = h('datalist', { id: 'time-zones' }, (Intl.supportedValuesOf?.('timeZone') ?? []).map((zone) => h('option', { value: zone })));
  const timeZone = h('input', { value: hours.timeZone, list: 'time-zones', required: true, testid: 'settings-timezone' });
  const days = DAYS.map((day) => dayRow(t, day, hours.week?.[day] ?? []));
  const holidays = chipList([...hours.holidays].sort(), 'settings-holidays', t.removeHoliday);
  const holiday = h('input', { type: 'date', testid: 'settings-holiday-date' });

  const autoRelease = h('input', { type: 'number', min: 1, max: 1440, required: true, value: settings.autoReleaseMinutes, testid: 'settings-auto-release' });
  const idleClose = h('input', { type: 'number', min: 5, max: 10080, value: settings.idleCloseMinutes ?? '', placeholder: words().common.never, testid: 'settings-idle-close' });
  const emails = h('textarea', { rows: 3, testid: 'settings-emails' });
  emails.value = settings.notificationEmails.join('\n');
  const webhook = h('input', { type: 'url', value: settings.notificationWebhookUrl ?? '', placeholder: 'https://…', testid: 'settings-webhook' });
  const keywords = h('textarea', { rows: 3, testid: 'settings-keywords' });
  keywords.value = settings.handoffKeywords.join('\n');
  const giveUp = h('input', { type: 'number', min: 1, max: 20, required: true, value: settings.botGiveUpAfter, testid: 'settings-give-up' });
  const autoAssign = h('input', { type: 'checkbox', checked: settings.autoAssign, testid: 'settings-auto-assign' });
  const threshold = h('input', { type: 'number', min: 0, max: 1, step: 0.05, required: true, value: settings.faqThreshold, testid: 'settings-faq-threshold' });
  const config = h('textarea', { rows: 3, placeholder: 'crmBaseUrl=https://crm.example.com', testid: 'settings-bot-config' });
  config.value = Object.entries(settings.botConfig ?? {}).map(([key, value]) => `${key}=${value}`).join('\n');

  const line = status('settings-status');
  const save = h('button', { type: 'submit', class: 'primary', testid: 'settings-save' }, t.save);
  const form = h('form', { class: 'admin-form', testid: 'settings-form' },
    h('section', { class: 'card' }, h('h3', { text: t.language }),
      field(t.answeredIn, language, t.languageHint)),
    h('section', { class: 'card' }, h('h3', { text: t.workingHours }),
      field(t.timeZone, timeZone, t.timeZoneHint), zones,
      h('div', { class: 'week' }, days.flat()),
      h('div', { class: 'form-actions' }, field(t.holiday, holiday),
        h('button', { type: 'button', testid: 'settings-holiday-add', onclick: () => { holidays.add(holiday.value); holiday.value = ''; } }, t.addHoliday)),
      holidays),
    h('section', { class: 'card' }, h('h3', { text: t.liveChat }),
      h('div', { class: 'form-grid' },
        field(t.autoRelease, autoRelease, t.autoReleaseHint),
        field(t.idleClose, idleClose, t.idleCloseHint),
        field(t.giveUp, giveUp, t.giveUpHint),
        field(t.threshold, threshold, t.thresholdHint),
        h('label', { class: 'inline' }, autoAssign, t.autoAssign)),
      field(t.keywords, keywords, t.keywordsHint)),
    h('section', { class: 'card' }, h('h3', { text: t.notifications }),
      h('div', { class: 'form-grid' },
        field(t.emails, emails),
        field(t.webhook, webhook, t.webhookHint)),
      webhookTest('/api/v1/admin/settings/webhook/test', 'settings-webhook', t.testSavedHint)),
    h('section', { class: 'card' }, h('h3', { text: t.botConfig }),
      field(t.botConfigLabel, config)),
    h('div', { class: 'form-actions' }, save, line.element));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const week = Object.fromEntries(days.map((row, index) => {
      const intervals = row.read();
      return [DAYS[index], intervals.length ? intervals : null]; // null removes a closed day from the week
    }));
    const botConfig = Object.fromEntries(Object.keys(settings.botConfig ?? {}).map((key) => [key, null]));
    for (const pair of lines(config.value)) {
      const at = pair.indexOf('=');
      if (at > 0) botConfig[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    const patch = {
      language: language.value,
      workingHours: { timeZone: timeZone.value.trim(), week, holidays: holidays.read() },
      autoReleaseMinutes: Number(autoRelease.value),
      idleCloseMinutes: idleClose.value === '' ? null : Number(idleClose.value),
      notificationEmails: lines(emails.value),
      notificationWebhookUrl: webhook.value.trim() || null,
      handoffKeywords: lines(keywords.value),
      botGiveUpAfter: Number(giveUp.value),
      autoAssign: autoAssign.checked,
      faqThreshold: Number(threshold.value),
      botConfig,
    };
    saving(save, line, async () => {
      const saved = await api('/api/v1/admin/settings', { method: 'PATCH', body: patch });
      settings.botConfig = saved.botConfig;
      // A new language is the screens' too: the section opens again in it.
      if (saved.language !== settings.language) admin?.open('settings');
    });
  });

  root.append(h('h2', { text: t.title }), form, await subscriptions(t));
}

/** The events-out subscriptions (created through the API), each with its "Send test". */
async function subscriptions(t) {
  const list = await api('/api/v1/admin/webhooks');
  return h('section', { class: 'card', testid: 'webhook-subscriptions' }, h('h3', { text: t.eventsOut }),
    h('p', { class: 'hint', text: t.eventsOutHint }),
    list.length
      ? h('ul', { class: 'subscriptions' }, list.map((subscription) => h('li', { testid: 'webhook-subscription', 'data-id': subscription.id },
        h('code', { translate: 'no', text: subscription.url }), ' ', h('span', { class: 'muted', text: subscription.events.join(', ') }),
        webhookTest(`/api/v1/admin/webhooks/${subscription.id}/test`, 'webhook'))))
      : h('p', { class: 'empty', text: t.noSubscriptions }));
}

/** A "Send test" button and what the endpoint answered: the status code and latency, or what failed in plain words. */
function webhookTest(path, testid, hint) {
  const t = words().settings;
  const result = h('span', { class: 'hint', role: 'status', testid: `${testid}-test-result` });
  const button = h('button', { type: 'button', testid: `${testid}-test` }, t.sendTest);
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.className = 'hint';
    result.textContent = t.testing;
    try {
      const outcome = await api(path, { method: 'POST' });
      result.dataset.delivered = String(outcome.delivered);
      result.className = outcome.delivered ? 'saved' : 'form-error';
      const why = outcome.problem === 'status' ? t.testProblems.status(outcome.statusCode) : t.testProblems[outcome.problem] ?? outcome.error;
      result.textContent = outcome.delivered ? t.testDelivered(outcome.statusCode, outcome.latencyMs) : t.testFailed(why, outcome.latencyMs);
    } catch (error) {
      if (error?.status === 401) throw error;
      delete result.dataset.delivered;
      result.className = 'form-error';
      result.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'form-actions' }, button, result, hint ? h('span', { class: 'hint', text: hint }) : null);
}
