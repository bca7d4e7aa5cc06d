// The FAQ's answering quality for the admin, in the tenant's language: the calibrated policy (threshold, margin, the
// expected share of questions the bot answers) with its precision/coverage curve as a small SVG, the entries customers
// confuse (with the phrasings responsible), and the customers' answers to "did you mean …?" (approve: the question
// becomes a phrasing of the chosen entry; reject).
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { saving, status } from './forms.js';
import { when, words } from './words.js';

const pc = (value) => `${Math.round(value * 100)} %`;
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  return element;
}

/** The curve: x = threshold (0.2–0.95), y = share (0–1); the chosen threshold marked. */
function curveOf(calibration, t) {
  const width = 320, height = 140, pad = 20;
  const x = (threshold) => pad + ((threshold - 0.2) / 0.75) * (width - 2 * pad);
  const y = (share) => height - pad - share * (height - 2 * pad);
  const line = (key) => calibration.curve.map((p) => `${x(p.threshold).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': t.curve, 'data-testid': 'faq-curve' });
  chart.append(
    svg('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: 'currentColor', 'stroke-opacity': 0.3 }),
    svg('line', { x1: x(calibration.threshold), y1: pad, x2: x(calibration.threshold), y2: height - pad, stroke: 'currentColor', 'stroke-dasharray': '2 3' }),
    svg('polyline', { points: line('precision'), fill: 'none', stroke: '#2563eb', 'stroke-width': 2 }),
    svg('polyline', { points: line('coverage'), fill: 'none', stroke: '#16a34a', 'stroke-width': 2, 'stroke-dasharray': '5 3' }));
  return chart;
}

/** Renders the quality cards into root (appended once); returns a reload function. */
export async function renderQuality(root) {
  const t = words().quality;
  const calibrationCard = h('section', { class: 'card', testid: 'faq-calibration' });
  const choices = h('ul', { class: 'plain', testid: 'faq-choices' });
  root.append(calibrationCard, h('section', { class: 'card' }, h('h3', { text: t.choices }), choices));

  const reload = async () => {
    let calibration = null;
    try {
      calibration = await api('/api/v1/admin/bot/faq/calibration');
    } catch (error) {
      if (error.status !== 404) throw error;
    }
    replaceChildren(calibrationCard, h('h3', { text: t.quality }), ...(calibration ? [
      h('p', { text: t.policy(calibration), testid: 'faq-policy' }),
      h('p', {}, `${t.share}: `, h('b', { text: pc(calibration.expectedAnsweredShare), testid: 'faq-expected-share' }),
        ` · ${t.precision}: `, h('b', { text: pc(calibration.expectedPrecision) })),
      calibration.inUse ? null : h('p', { class: 'hint', text: t.notInUse }),
      h('figure', {}, curveOf(calibration, t), h('figcaption', { class: 'hint', text: t.curve })),
      h('h4', { text: t.pairs }),
      calibration.confusablePairs.length
        ? h('ul', { class: 'plain', testid: 'faq-pairs' }, calibration.confusablePairs.map((pair) => h('li', { testid: 'faq-pair' },
          h('b', { text: `${pair.first} ↔ ${pair.second} (${pair.count})` }),
          h('ul', {}, pair.phrasings.map((p) => h('li', { class: 'hint', text: t.went(p) }))))))
        : h('p', { class: 'muted', text: t.noPairs }),
    ] : [h('p', { class: 'muted', text: t.notYet })]));
    const pending = await api('/api/v1/admin/bot/faq/choices');
    replaceChildren(choices, pending.length ? pending.map((c) => choice(c, t, reload)) : h('li', { class: 'muted', text: t.noChoices }));
  };
  await reload();
  return reload;
}

function choice(item, t, reload) {
  const approve = h('button', { type: 'button', class: 'primary', testid: 'faq-choice-approve' }, t.approve);
  const reject = h('button', { type: 'button', class: 'danger', testid: 'faq-choice-reject' }, t.reject);
  const line = status();
  approve.addEventListener('click', async () => {
    if (await saving(approve, line, () => api(`/api/v1/admin/bot/faq/choices/${item.id}/approve`, { method: 'POST' }))) await reload();
  });
  reject.addEventListener('click', async () => {
    if (await saving(reject, line, () => api(`/api/v1/admin/bot/faq/choices/${item.id}`, { method: 'DELETE' }).then(() => true))) await reload();
  });
  return h('li', { class: 'card', testid: 'faq-choice' }, h('span', { class: 'hint', text: when(item.chosenAt) }),
    h('p', { translate: 'no', text: t.chose(item) }), h('div', { class: 'form-actions' }, approve, reject, line.element));
}
