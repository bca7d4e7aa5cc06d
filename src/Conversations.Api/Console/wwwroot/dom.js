// DOM helpers. Every piece of data reaches the page as text (textContent, text nodes, attribute values); nothing is
// parsed as HTML, so a customer's message can never inject markup or script.

/**
 * Creates an element. attrs: `text` (textContent), `testid` (data-testid), `on<event>` (listeners), `class`, any other
 * attribute (false/null/undefined skip it, true sets it empty). Children: nodes or strings (added as text nodes).
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') element.textContent = String(value);
    else if (key === 'testid') element.dataset.testid = value;
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

/** The element with this id (the page's fixed skeleton). */
export const byId = (id) => document.getElementById(id);

/** Only web links may become href/src: no javascript:, data: or other schemes from message content. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Search highlights come as "text [[match]] text": the matches become <mark> elements, the rest text nodes. */
export function highlighted(text) {
  const fragment = document.createDocumentFragment();
  const parts = String(text ?? '').split(/\[\[([\s\S]*?)\]\]/);
  parts.forEach((part, index) => {
    if (part === '') return;
    fragment.append(index % 2 === 1 ? h('mark', { text: part }) : document.createTextNode(part));
  });
  return fragment;
}

/** "WaitingForOperator" → "Waiting for operator". */
export function humanize(name) {
  const words = String(name ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const statusLabels = { Bot: 'Bot', WaitingForOperator: 'Waiting', LiveChat: 'Live chat', Closed: 'Closed' };

/** A conversation status as operators say it. */
export const statusLabel = (status) => statusLabels[status] ?? humanize(status);

const channelLabels = { Widget: 'Website widget', Vk: 'VK' };

/** A channel as operators say it. */
export const channelLabel = (channel) => (channel ? channelLabels[channel] ?? channel : 'no channel');

/** Replaces the children of an element. */
export function replaceChildren(element, ...children) {
  element.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}
