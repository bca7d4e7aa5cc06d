// The admin dashboard (numbers for the business), in the tenant's language: headline tiles (containment, first
// response, wait, CSAT) with the change against the period before, time series drawn with uPlot (served from
// vendor/uplot, MIT), breakdowns by channel and by operator, the questions the bot could not answer (one click turns
// one into an FAQ entry) and a CSV export of any report. Every figure comes from GET /api/v1/reports/…; the
// definitions are in the README ("Numbers for the business").
import { api, ApiError, session } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { saving, status } from './forms.js';
import { channelName, when, words } from './words.js';

const RANGES = [7, 30, 90, 365];
const REPORTS = ['overview', 'conversations', 'operators', 'bot', 'csat'];

let uPlotLoading = null;

/** Loads uPlot once (a classic script from our own assets: the console's CSP allows only 'self'). */
function loadUPlot() {
  uPlotLoading ??= new Promise((resolve, reject) => {
    document.head.append(h('link', { rel: 'stylesheet', href: '/console/vendor/uplot/uPlot.min.css' }));
    const script = h('script', { src: '/console/vendor/uplot/uPlot.iife.min.js' });
    script.addEventListener('load', () => resolve(window.uPlot));
    script.addEventListener('error', () => {
      uPlotLoading = null;
      reject(new Error('uPlot could not be loaded'));
    });
    document.head.append(script);
  });
  return uPlotLoading;
}

/**
 * A range of `days` whole days ending tomorrow at local midnight (so today is in), cut by day (by week past 90 days) in
 * the tenant's zone: its query and every period label it has, so a period without conversations is drawn too.
 */
function rangeOf(days, channel) {
  const granularity = days > 90 ? 'week' : 'day';
  const end = new Date();
  end.setDate(end.getDate() + 1);
  const start = new Date(end);
  start.setDate(start.getDate() - days);
  const label = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const query = new URLSearchParams({ from: label(start), to: label(end), granularity });
  if (channel) query.set('channel', channel);
  const periods = [];
  const at = new Date(start);
  if (granularity === 'week') at.setDate(at.getDate() - ((at.getDay() + 6) % 7)); // the Monday of the first week
  while (at < end) {
    periods.push(label(at));
    at.setDate(at.getDate() + (granularity === 'week' ? 7 : 1));
  }
  return { query: query.toString(), periods };
}

const pc = (value) => (value === null || value === undefined ? '—' : `${Math.round(value * 100)} %`);

/** Seconds as the language writes a duration: "90 s", "4 min", "1.5 h". */
function duration(seconds, t) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 120) return t.seconds(Math.round(seconds));
  if (seconds < 120 * 60) return t.minutes(Math.round(seconds / 60));
  return t.hours(Math.round(seconds / 360) / 10);
}

/**
 * The change of a tile against the period before: the arrow follows the number, the colour says whether it is better
 * (more containment and CSAT, less waiting). Rates change in percentage points, times and scores in percent.
 */
function change(now, before, { lowerIsBetter = false, points = false }, t) {
  if (now === null || now === undefined || before === null || before === undefined || (!points && before === 0)) {
    return h('span', { class: 'report-change', testid: 'report-tile-change', text: t.noPrevious });
  }
  const delta = points ? Math.round((now - before) * 100) : Math.round(((now - before) / before) * 100);
  const better = delta === 0 ? null : (delta < 0) === lowerIsBetter;
  const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '=';
  const text = `${arrow} ${delta > 0 ? '+' : ''}${delta}${points ? ` ${t.points}` : ' %'} ${t.vsPrevious}`;
  return h('span', { class: `report-change ${better === null ? '' : better ? 'better' : 'worse'}`, testid: 'report-tile-change', text });
}

function tile(name, value, changeElement, hint) {
  return h('div', { class: 'card report-tile', testid: `report-tile-${name}` },
    h('span', { class: 'report-tile-label', text: hint.label }),
    h('b', { class: 'report-tile-value', testid: 'report-tile-value', text: value }),
    changeElement,
    h('span', { class: 'hint', text: hint.note }));
}

/** Period labels ("2026-10-24", a week's Monday) as chart x values: seconds at UTC midnight of that date. */
const xOf = (period) => Date.parse(`${period.slice(0, 10)}T00:00:00Z`) / 1000;

const DAY = 86400;

/** A line chart of `series` ({label, values, color}) over the periods; the x axis in whole days, dated the language's way. */
function chart(uPlot, testid, title, periods, series, width, formatValue) {
  const holder = h('figure', { class: 'report-chart', testid, 'aria-label': title, role: 'img' }, h('figcaption', { text: title }));
  const date = (ts) => new Date(ts * 1000).toLocaleDateString(words().locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const options = {
    width,
    height: 220,
    scales: { x: { time: false } },
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
    axes: [
      { incrs: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY], values: (_, ticks) => ticks.map(date), space: 60 },
      { values: (_, ticks) => ticks.map(formatValue), size: 60 },
    ],
    series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: periods.length < 40 }, value: (_, v) => formatValue(v) }))],
  };
  // uPlot draws into the holder; the data are plain arrays, the x values UTC midnights of the periods' dates.
  new uPlot(options, [periods.map(xOf), ...series.map((s) => s.values)], holder);
  return holder;
}

/** Sums the counts of the conversations report's rows per channel (rates are worked out from the sums). */
function byChannel(rows) {
  const channels = new Map();
  for (const row of rows) {
    const key = row.channel || '';
    const sum = channels.get(key) ?? { started: 0, containedByBot: 0, handedOver: 0, abandoned: 0, taken: 0 };
    for (const name of Object.keys(sum)) sum[name] += row.measures[name];
    channels.set(key, sum);
  }
  return [...channels.entries()].sort((a, b) => b[1].started - a[1].started);
}

/** Fetches a report as CSV with the session's token and hands it to the browser as a file. */
async function exportCsv(kind, query) {
  const response = await fetch(`/api/v1/reports/${kind}?${query}&format=csv`, { headers: { Authorization: `Bearer ${session.token}`, Accept: 'text/csv' } });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = null;
    }
    throw new ApiError(response.status, problem);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `${kind}.csv`;
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** Renders the section. */
export async function render(root) {
  const t = words().reports;
  const rangeSelect = h('select', { testid: 'report-range', 'aria-label': t.range }, RANGES.map((days) => h('option', { value: days, text: t.lastDays(days), selected: days === 30 })));
  const channelSelect = h('select', { testid: 'report-channel', 'aria-label': t.channel },
    h('option', { value: '', text: t.allChannels }),
    Object.keys(words().common.channelKinds).map((kind) => h('option', { value: kind, text: channelName(kind) })));
  const exportSelect = h('select', { testid: 'report-export-kind', 'aria-label': t.exportWhich }, REPORTS.map((kind) => h('option', { value: kind, text: t.reports[kind] })));
  const exportButton = h('button', { type: 'button', testid: 'report-export' }, t.export);
  const exportLine = status('report-export-status');
  const body = h('div', { class: 'report-body', testid: 'report-body' });

  const reload = async () => {
    body.setAttribute('aria-busy', 'true');
    const { query, periods } = rangeOf(Number(rangeSelect.value), channelSelect.value);
    const [uPlot, overview, conversations, operators, team, suggestions] = await Promise.all([
      loadUPlot(),
      api(`/api/v1/reports/overview?${query}`),
      api(`/api/v1/reports/conversations?${query}`),
      api(`/api/v1/reports/operators?${query}`),
      api('/api/v1/admin/operators'),
      api('/api/v1/admin/bot/faq/suggestions'),
    ]);
    const now = overview.total;
    const before = overview.previous ?? {};
    const tiles = h('div', { class: 'report-tiles' },
      tile('containment', pc(now.containmentRate), change(now.containmentRate, before.containmentRate, { points: true }, t), t.tiles.containment),
      tile('first-response', duration(now.firstResponseP50Seconds, t), change(now.firstResponseP50Seconds, before.firstResponseP50Seconds, { lowerIsBetter: true }, t), t.tiles.firstResponse),
      tile('wait', duration(now.waitP50Seconds, t), change(now.waitP50Seconds, before.waitP50Seconds, { lowerIsBetter: true }, t), t.tiles.wait),
      tile('csat', now.averageScore === null ? '—' : now.averageScore.toFixed(1), change(now.averageScore, before.averageScore, {}, t), t.tiles.csat(now)));

    const measuresOf = new Map(overview.rows.map((row) => [row.period, row.measures]));
    const anything = overview.rows.length > 0;
    const width = Math.max(320, Math.min(1040, root.closest('.admin-content')?.clientWidth - 48 || 800));
    const half = Math.max(320, Math.floor((width - 14) / 2));
    // A period without conversations counts zero conversations and has no times, score or rate (a gap in those lines).
    const counted = new Set(['started', 'containedByBot', 'handedOver']);
    const values = (name) => periods.map((period) => measuresOf.get(period)?.[name] ?? (counted.has(name) ? 0 : null));
    const charts = !anything ? h('p', { class: 'muted', testid: 'report-empty', text: t.empty }) : h('div', { class: 'report-charts' },
      chart(uPlot, 'report-chart-conversations', t.charts.conversations, periods, [
        { label: t.series.started, values: values('started'), color: '#2563eb' },
        { label: t.series.contained, values: values('containedByBot'), color: '#16a34a' },
        { label: t.series.handedOver, values: values('handedOver'), color: '#d97706' },
      ], half, (v) => (v === null ? '—' : String(Math.round(v)))),
      chart(uPlot, 'report-chart-times', t.charts.times, periods, [
        { label: t.series.firstResponse, values: values('firstResponseP50Seconds'), color: '#7c3aed' },
        { label: t.series.wait, values: values('waitP50Seconds'), color: '#dc2626' },
      ], half, (v) => duration(v, t)),
      chart(uPlot, 'report-chart-csat', t.charts.csat, periods, [
        { label: t.series.averageScore, values: values('averageScore'), color: '#0891b2' },
      ], half, (v) => (v === null ? '—' : v.toFixed(1))),
      chart(uPlot, 'report-chart-containment', t.charts.containment, periods, [
        { label: t.series.containment, values: values('containmentRate').map((rate) => (rate === null ? null : rate * 100)), color: '#16a34a' },
      ], half, (v) => (v === null ? '—' : `${Math.round(v)} %`)));

    const channelRows = byChannel(conversations.rows);
    const channels = h('section', { class: 'card' }, h('h3', { text: t.byChannel }), channelRows.length === 0 ? h('p', { class: 'muted', text: t.empty })
      : h('table', { class: 'table report-table', testid: 'report-channels' },
        h('thead', {}, h('tr', {}, [t.channel, t.columns.started, t.columns.containment, t.columns.handedOver, t.columns.taken, t.columns.abandoned].map((c) => h('th', { text: c })))),
        h('tbody', {}, channelRows.map(([kind, sum]) => h('tr', { testid: 'report-channel-row' },
          h('td', { text: kind ? channelName(kind) : t.noChannel }), h('td', { text: sum.started }),
          h('td', { text: pc(sum.started ? sum.containedByBot / sum.started : null) }), h('td', { text: sum.handedOver }),
          h('td', { text: sum.taken }), h('td', { text: sum.abandoned }))))));

    const names = new Map(team.map((operator) => [operator.operatorId, operator.displayName]));
    const operatorTable = h('section', { class: 'card' }, h('h3', { text: t.byOperator }), operators.rows.length === 0 ? h('p', { class: 'muted', text: t.empty })
      : h('table', { class: 'table report-table', testid: 'report-operators' },
        h('thead', {}, h('tr', {}, [t.operator, t.columns.handled, t.columns.firstResponse, t.columns.wait, t.columns.handling, t.columns.resolution, t.columns.csat].map((c) => h('th', { text: c })))),
        h('tbody', {}, operators.rows.map((row) => h('tr', { testid: 'report-operator-row' },
          h('td', { translate: 'no', text: names.get(row.operatorId) ?? row.operatorId }), h('td', { text: row.measures.taken }),
          h('td', { text: duration(row.measures.firstResponseP50Seconds, t) }), h('td', { text: duration(row.measures.waitP50Seconds, t) }),
          h('td', { text: duration(row.measures.handlingAverageSeconds, t) }), h('td', { text: duration(row.measures.resolutionAverageSeconds, t) }),
          h('td', { text: row.measures.averageScore === null ? '—' : row.measures.averageScore.toFixed(1) }))))));

    const questions = h('section', { class: 'card' }, h('h3', { text: t.unanswered }), h('p', { class: 'hint', text: t.unansweredHint }),
      suggestions.length === 0 ? h('p', { class: 'muted', text: t.noUnanswered })
        : h('ul', { class: 'plain', testid: 'report-unanswered' }, suggestions.slice(0, 10).map((s) => unanswered(s, t, reload))));

    replaceChildren(body, tiles, charts, channels, operatorTable, questions);
    body.setAttribute('aria-busy', 'false');
  };

  rangeSelect.addEventListener('change', () => reload().catch(showProblem));
  channelSelect.addEventListener('change', () => reload().catch(showProblem));
  exportButton.addEventListener('click', () => saving(exportButton, exportLine,
    () => exportCsv(exportSelect.value, rangeOf(Number(rangeSelect.value), channelSelect.value).query), t.exported));
  const showProblem = (error) => replaceChildren(body, h('p', { class: 'form-error', text: error.message }));

  root.append(h('h2', { text: t.title }), h('p', { class: 'hint', text: t.intro }),
    h('div', { class: 'report-controls' }, rangeSelect, channelSelect, h('span', { class: 'report-spacer' }), exportSelect, exportButton, exportLine.element),
    body);
  await reload();
}

/** A question the bot could not answer, with the operator's answer; "Add to FAQ" approves it as an entry. */
function unanswered(item, t, reload) {
  const line = status('report-unanswered-status');
  const add = h('button', { type: 'button', class: 'primary', testid: 'report-unanswered-add' }, t.addToFaq);
  add.addEventListener('click', async () => {
    if (await saving(add, line, () => api(`/api/v1/admin/bot/faq/suggestions/${item.id}/approve`, { method: 'POST', body: {} }), t.added)) await reload();
  });
  return h('li', { class: 'report-question', testid: 'report-unanswered-item' },
    h('div', {}, h('b', { translate: 'no', text: item.question }), h('span', { class: 'hint', text: ` · ${t.asked(when(item.proposedAt))}` })),
    h('div', { class: 'hint', translate: 'no', text: item.answer }),
    h('div', { class: 'form-actions' }, add, line.element));
}
