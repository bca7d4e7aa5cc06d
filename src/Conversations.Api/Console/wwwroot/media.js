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

/**
 * A stored image: its server-made preview (a large photo comes as a few kilobytes; a small image as it is) once its
 * link is there, the full image in a lightbox on click.
 */
export function renderStoredImage(media, caption) {
  const img = h('img', { alt: caption || 'Image', loading: 'lazy', testid: 'media-image', 'data-media-id': media.mediaId });
  const button = h('button', { type: 'button', class: 'media-thumb', title: 'Open the image' }, img);
  let full = null;
  mediaLink(media.mediaId)
    .then((url) => {
      full = url;
      img.src = `${url}&thumbnail=true`;
    })
    .catch(() => { img.replaceWith(h('span', { class: 'placeholder-content', text: '🖼 Image (could not be loaded)' })); });
  button.addEventListener('click', () => openLightbox(full, caption));
  return button;
}

/** A stored file: a player for audio and video (ranges let it seek), and its name and size, downloaded through a signed link. */
export function renderStoredFile(media, fileName) {
  const kind = /^(audio|video)\//.exec(media.contentType || '')?.[1];
  if (!kind) return renderDownload(media, fileName);
  const player = h(kind, { controls: true, preload: 'metadata', class: `media-${kind}`, testid: `media-${kind}`, 'data-media-id': media.mediaId });
  mediaLink(media.mediaId)
    .then((url) => { player.src = url; })
    .catch(() => { player.replaceWith(h('span', { class: 'placeholder-content', text: `${kind === 'audio' ? '🔊' : '🎬'} (could not be loaded)` })); });
  return h('div', { class: 'media-player' }, player, renderDownload(media, fileName));
}

function renderDownload(media, fileName) {
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
