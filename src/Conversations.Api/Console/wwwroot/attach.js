// Files in the reply composer: the paper-clip button, a pasted image (a screenshot) and files dropped on the composer
// are uploaded to our media store (POST /api/v1/media, with a progress bar each) and sent as replies, the words typed
// so far going with the first file as its caption. The server tells the type from the bytes and sends the file to
// the customer's channel in the channel's way (Telegram: sendPhoto or sendDocument with the bytes).
import { ApiError, session } from './api.js';
import { byId, h } from './dom.js';
import { reportError } from './errors.js';
import { formatSize } from './media.js';

/** Wires the button, paste and drop of the composer to `view.send`. */
export function bindAttachments(view) {
  const input = byId('attach-input');
  byId('attach-button').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';
    sendFiles(view, files);
  });

  byId('reply-text-input').addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length) return; // plain text pastes as usual
    event.preventDefault();
    sendFiles(view, files);
  });

  const zone = byId('composer-body');
  const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  zone.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    zone.classList.add('drop-target');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('drop-target'));
  zone.addEventListener('drop', (event) => {
    zone.classList.remove('drop-target');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    sendFiles(view, files);
  });
}

async function sendFiles(view, files) {
  const text = byId('reply-text-input');
  let caption = text.value.trim() || null;
  for (const file of files) {
    const shown = showUpload(file);
    try {
      const stored = await upload(file, (percent) => { shown.bar.value = percent; });
      await view.send({ mediaId: stored.mediaId, caption });
      if (caption) {
        text.value = '';
        caption = null;
      }
    } catch (error) {
      reportError(error);
    } finally {
      shown.row.remove();
    }
  }
}

function showUpload(file) {
  const bar = h('progress', { max: '100', value: '0', testid: 'attach-progress' });
  const row = h('li', { class: 'attach-upload', testid: 'attach-upload' }, h('span', { text: `📎 ${file.name || 'pasted image'} · ${formatSize(file.size)}` }), bar);
  byId('attach-uploads').append(row);
  return { row, bar };
}

/** Uploads one file; XMLHttpRequest rather than fetch, since only it reports upload progress. Throws ApiError. */
function upload(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/media');
    xhr.setRequestHeader('Accept', 'application/json');
    const token = session.token;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded * 100) / event.total));
    });
    xhr.addEventListener('load', () => {
      let json = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json);
      else reject(new ApiError(xhr.status, json));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, null)));
    const form = new FormData();
    form.append('file', file, file.name || 'pasted-image');
    xhr.send(form);
  });
}
