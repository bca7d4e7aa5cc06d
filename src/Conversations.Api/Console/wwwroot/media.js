// Files kept in our media store: images inline (a signed link as their src, since <img> sends no login header),
// a lightbox on click, other files as downloads with their name and size, and what happened when a file is missing.
import { api } from './api.js';
import { h } from './dom.js';

const links = new Map(); // media id → { url, expires } (links live ten minutes; reused for eight)

/** A short-lived URL of the file that works without the login header. */
export async function mediaLink(mediaId) {
  const cached = links.get(mediaId);
  if (cached && cached.expires > Date.now()) return cached.url;
  const link = await api(`/api/v1/media/${mediaId}/link`, { method: 'POST', body: {} });
  links.set(mediaId, { url: link.url, expires: Date.now() + 8 * 60 * 1000 });
  return link.url;
}

/** "1.2 MB" and the like. */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A stored image: shown once its link is there, opened large in a lightbox on click. */
export function renderStoredImage(media, caption) {
  const img = h('img', { alt: caption || 'Image', loading: 'lazy', testid: 'media-image', 'data-media-id': media.mediaId });
  const button = h('button', { type: 'button', class: 'media-thumb', title: 'Open the image' }, img);
  mediaLink(media.mediaId)
    .then((url) => { img.src = url; })
    .catch(() => { img.replaceWith(h('span', { class: 'placeholder-content', text: '🖼 Image (could not be loaded)' })); });
  button.addEventListener('click', () => openLightbox(img.src, caption));
  return button;
}

/** A stored file: its name and size, downloaded through a signed link. */
export function renderStoredFile(media, fileName) {
  const name = fileName || 'File';
  const link = h('a', { class: 'media-file', testid: 'media-file', href: '#', download: name, text: `📎 ${name} · ${formatSize(media.size)}` });
  link.addEventListener('click', async (event) => {
    if (link.dataset.ready) return;
    event.preventDefault();
    link.href = await mediaLink(media.mediaId);
    link.dataset.ready = '1';
    link.click();
  });
  return link;
}

/** What the operator sees for a customer's file that is not (yet) stored. */
export function renderMissingMedia(media, what) {
  return media?.problem
    ? h('p', { class: 'placeholder-content media-problem', testid: 'media-problem', text: `${what} not stored: ${media.problem}` })
    : h('p', { class: 'placeholder-content', testid: 'media-pending', text: `${what} (fetching from the channel…)` });
}

function openLightbox(src, caption) {
  if (!src) return;
  const dialog = h('dialog', { class: 'lightbox', testid: 'lightbox' },
    h('img', { src, alt: caption || 'Image' }),
    caption ? h('p', { text: caption }) : null,
    h('form', { method: 'dialog' }, h('button', { type: 'submit', text: 'Close' })));
  dialog.addEventListener('close', () => dialog.remove());
  dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });
  document.body.append(dialog);
  dialog.showModal();
}
