// The whole original of a customer's mail, one click from its message: the headers, the HTML in a sandboxed frame
// that runs nothing and loads nothing remote (remote images, trackers most of the time, only when the operator asks),
// the text part, the attachments' names, and the .eml to download as it came.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { formatSize, mediaLink } from './media.js';

/** The button under a customer's mail that opens its original. */
export function renderOriginalMailButton(message) {
  const button = h('button', { type: 'button', class: 'original-mail-button', testid: 'original-mail-button', text: 'Original mail' });
  button.addEventListener('click', () => openOriginalMail(message.conversationId, message.messageId));
  return button;
}

async function openOriginalMail(conversationId, messageId) {
  const body = h('div', { class: 'original-mail-body', testid: 'original-mail-body' }, h('p', { class: 'placeholder-content', text: 'Loading the original…' }));
  const dialog = h('dialog', { class: 'original-mail', testid: 'original-mail' },
    body,
    h('form', { method: 'dialog' }, h('button', { type: 'submit', text: 'Close' })));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  await show(body, conversationId, messageId, false);
}

async function show(body, conversationId, messageId, remoteImages) {
  let mail;
  try {
    mail = await api(`/api/v1/conversations/${conversationId}/messages/${messageId}/original${remoteImages ? '?remoteImages=true' : ''}`);
  } catch (error) {
    const text = error instanceof ApiError && error.status === 404
      ? 'The original of this mail is not kept (it came before originals were kept, was over the size limit, or retention removed it).'
      : `The original could not be loaded: ${error.message}`;
    body.replaceChildren(h('p', { class: 'placeholder-content', testid: 'original-mail-missing', text }));
    return;
  }

  const row = (label, value) => (value ? h('tr', {}, h('th', { scope: 'row', text: label }), h('td', { text: value })) : null);
  const headers = h('table', { class: 'original-mail-headers', testid: 'original-mail-headers' },
    h('tbody', {},
      row('From', mail.from),
      row('To', mail.to),
      row('Cc', mail.cc),
      row('Date', mail.date ? new Date(mail.date).toLocaleString() : null),
      row('Subject', mail.subject)));

  const download = h('a', { class: 'media-file', testid: 'original-mail-download', href: '#', download: 'mail.eml', text: `Download .eml · ${formatSize(mail.size)}` });
  download.addEventListener('click', async (event) => {
    if (download.dataset.ready) return;
    event.preventDefault();
    download.href = await mediaLink(mail.mediaId);
    download.dataset.ready = '1';
    download.click();
  });

  let remote = null;
  if (mail.remoteImages > 0 && !mail.remoteImagesShown) {
    const load = h('button', { type: 'button', testid: 'original-mail-load-images', text: 'Show remote images' });
    load.addEventListener('click', () => show(body, conversationId, messageId, true));
    remote = h('p', { class: 'original-mail-remote', testid: 'original-mail-remote' },
      `${mail.remoteImages} remote image(s) not loaded: they may tell the sender you opened the mail. `, load);
  }

  const content = mail.html ? renderHtml(mail.html, mail.remoteImagesShown) : h('pre', { class: 'original-mail-text', testid: 'original-mail-text', text: mail.text ?? '' });
  const attachments = mail.attachments.length
    // A word, not an emoji: machines without an emoji font show an empty box.
    ? h('p', { class: 'original-mail-attachments', text: `Attachments: ${mail.attachments.map((a) => a.fileName || a.contentType).join(', ')}` })
    : null;
  body.replaceChildren(...[headers, h('p', { class: 'original-mail-actions' }, download), remote, content, attachments].filter(Boolean));
}

/**
 * The mail's HTML in a frame that runs no script, submits nothing and opens links apart; its own content policy
 * allows only the mail's own images (data:) unless the operator asked for remote ones. The frame also inherits the
 * console's policy, which keeps the mail's inline styles out: plainer, never able to load anything.
 */
function renderHtml(html, remoteImages) {
  const images = remoteImages ? "data: https: http:" : 'data:';
  const policy = `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; font-src data:`;
  const frame = h('iframe', {
    class: 'original-mail-html',
    testid: 'original-mail-html',
    title: 'The mail as the customer wrote it',
    sandbox: 'allow-popups allow-popups-to-escape-sandbox',
    referrerpolicy: 'no-referrer',
  });
  frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}">`
    + `</head><body>${html}</body></html>`;
  return frame;
}
