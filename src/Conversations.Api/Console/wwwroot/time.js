// Countdowns and clocks. The API gives deadlines as instants (windowClosesAt, autoReleaseAt); the console counts down
// to them every second against the server's clock (estimated from the Date header of API answers).

let serverOffsetMs = 0;

/** Learns the server's clock from an HTTP Date header (whole seconds, so only a skew above 2 s is corrected). */
export function noteServerDate(header) {
  const server = Date.parse(header ?? '');
  if (Number.isNaN(server)) return;
  const difference = server - Date.now();
  serverOffsetMs = Math.abs(difference) > 2000 ? difference : 0;
}

/** The server's "now" in milliseconds. */
export const serverNow = () => Date.now() + serverOffsetMs;

const pad = (n) => String(n).padStart(2, '0');

/** 3725 s → "1:02:05"; 65 s → "1:05"; two days and more → "2 d 3 h". */
export function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours >= 48) return `${Math.floor(hours / 24)} d ${hours % 24} h`;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** A time of day for today's instants, else a short date and time. */
export function formatTime(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date(serverNow()).toDateString();
  return sameDay
    ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/**
 * Makes an element a live countdown to `deadline` (ISO instant). Without a deadline it reads `none`; once passed,
 * `over`. The shared ticker updates it every second for as long as it is in the page.
 */
export function countdown(element, deadline, { none = 'no limit', over = 'expired' } = {}) {
  element.dataset.deadline = deadline ?? '';
  element.dataset.none = none;
  element.dataset.over = over;
  renderCountdown(element);
  return element;
}

/** Makes an element count up from `since` (ISO instant), e.g. how long a customer has been waiting. */
export function elapsed(element, since) {
  element.dataset.since = since ?? '';
  renderElapsed(element);
  return element;
}

function renderCountdown(element) {
  const deadline = element.dataset.deadline;
  if (!deadline) {
    element.textContent = element.dataset.none;
    element.dataset.urgency = 'none';
    return;
  }
  const left = Date.parse(deadline) - serverNow();
  element.textContent = left > 0 ? formatDuration(left) : element.dataset.over;
  element.dataset.urgency = left <= 0 ? 'over' : left < 15 * 60 * 1000 ? 'soon' : 'ok';
}

function renderElapsed(element) {
  const since = Date.parse(element.dataset.since);
  element.textContent = Number.isNaN(since) ? '' : formatDuration(serverNow() - since);
}

/** Starts the one-second ticker of every countdown and elapsed clock on the page. */
export function startTicker() {
  setInterval(() => {
    document.querySelectorAll('[data-deadline]').forEach(renderCountdown);
    document.querySelectorAll('[data-since]').forEach(renderElapsed);
  }, 1000);
}
