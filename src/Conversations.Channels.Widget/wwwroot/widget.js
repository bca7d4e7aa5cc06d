/*
 * Conversations website widget. Embed with one tag:
 *   <script src="https://YOUR-HOST/widget/widget.js" data-widget="WIDGET-KEY" async></script>
 * Optional: data-title="Chat with us", data-open="true" (start opened).
 * A signed-in user of the site: data-user-id="ID" data-user-hash="HMAC-SHA256(identity secret, ID) in hex, computed by
 * your server" and optionally data-user-name, data-user-email, data-user-phone: that user is one customer with one
 * history on every device.
 * Plain JavaScript, no dependencies. Every text is inserted as text (never as HTML).
 * The visitor attaches a file with the paper-clip button: it is uploaded first (with a preview and a progress bar),
 * then sent as a message by its media id; images we keep show inline, other files as downloads.
 */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[data-widget]');
  if (!script || window.__conversationsWidget) { return; }
  window.__conversationsWidget = true;

  var account = script.getAttribute('data-widget');
  var base = new URL(script.src, location.href).origin;
  var api = base + '/widget/v1/' + encodeURIComponent(account);
  var user = script.getAttribute('data-user-id') ? {
    userId: script.getAttribute('data-user-id'),
    userHash: script.getAttribute('data-user-hash'),
    name: script.getAttribute('data-user-name'),
    email: script.getAttribute('data-user-email'),
    phone: script.getAttribute('data-user-phone')
  } : null;
  // A signed-in user's state is their own (another user on this browser starts from theirs).
  var storageKey = 'conversations-widget:' + base + ':' + account + (user ? ':user:' + user.userId : '');
  var state = readState();
  var rendered = {};
  var source = null;
  var started = false;
  // The session being opened: a message written meanwhile waits for its token (a signed-in user's first session
  // takes a moment longer than an anonymous one). A failed session lets the message go and fail on its own.
  var sessionReady = Promise.resolve();

  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = base + '/widget/widget.css';
  document.head.appendChild(css);

  var root = el('div', 'cw-root');
  var launcher = el('button', 'cw-launcher');
  launcher.type = 'button';
  launcher.setAttribute('aria-label', 'Open chat');
  launcher.setAttribute('data-testid', 'cw-launcher');
  launcher.textContent = '\uD83D\uDCAC';
  var panel = el('section', 'cw-panel');
  panel.hidden = true;
  panel.setAttribute('aria-label', 'Chat');
  var header = el('header', 'cw-header');
  var titleEl = el('span', 'cw-title');
  titleEl.textContent = script.getAttribute('data-title') || 'Chat';
  var close = el('button', 'cw-close');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close chat');
  close.textContent = '\u00D7';
  header.appendChild(titleEl);
  header.appendChild(close);
  var list = el('div', 'cw-messages');
  list.setAttribute('role', 'log');
  list.setAttribute('aria-live', 'polite');
  list.setAttribute('data-testid', 'cw-messages');
  var status = el('div', 'cw-status');
  status.setAttribute('role', 'status');
  var form = el('form', 'cw-form');
  var input = el('input', 'cw-input');
  input.type = 'text';
  input.maxLength = 4000;
  input.placeholder = 'Type a message\u2026';
  input.setAttribute('aria-label', 'Message');
  input.setAttribute('data-testid', 'cw-input');
  var attach = el('button', 'cw-attach');
  attach.type = 'button';
  attach.textContent = '\uD83D\uDCCE';
  attach.setAttribute('data-testid', 'cw-attach');
  var fileInput = el('input', 'cw-file');
  fileInput.type = 'file';
  fileInput.hidden = true;
  fileInput.setAttribute('data-testid', 'cw-file');
  var send = el('button', 'cw-send');
  send.type = 'submit';
  send.textContent = 'Send';
  send.setAttribute('data-testid', 'cw-send');
  applyTexts();
  form.appendChild(attach);
  form.appendChild(fileInput);
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(header);
  panel.appendChild(list);
  panel.appendChild(status);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);
  (document.body || document.documentElement).appendChild(root);

  launcher.addEventListener('click', function () { toggle(true); });
  close.addEventListener('click', function () { toggle(false); });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = '';
    post({ text: text });
  });

  attach.addEventListener('click', function () { fileInput.click(); });
  fileInput.addEventListener('change', function () {
    var files = Array.prototype.slice.call(fileInput.files || []);
    fileInput.value = '';
    // The words typed so far go with the first file as its caption.
    var caption = input.value.trim();
    input.value = '';
    files.forEach(function (file, i) { postFile(file, i === 0 ? caption : ''); });
  });

  if (script.getAttribute('data-open') === 'true' || state.open) { toggle(true); }

  function toggle(open) {
    panel.hidden = !open;
    launcher.hidden = open;
    state.open = open;
    writeState();
    if (open) {
      input.focus();
      start();
    }
  }

  function start() {
    if (started) { return; }
    started = true;
    var session = { token: state.token || null };
    if (user) {
      session.userId = user.userId;
      session.userHash = user.userHash;
      session.name = user.name;
      session.email = user.email;
      session.phone = user.phone;
    }
    sessionReady = request('POST', '/session', session);
    sessionReady
      .then(function (session) {
        state.token = session.token;
        state.texts = session.texts || {};
        writeState();
        applyTexts();
        if (!script.getAttribute('data-title') && session.title) { titleEl.textContent = session.title; }
        return request('GET', '/messages');
      })
      .then(function (history) {
        history.forEach(render);
        if (history.length > 0) {
          state.lastEventId = history[history.length - 1].id;
          writeState();
          listen();
        }
      })
      .catch(function (error) {
        started = false;
        if (error.status === 429) {
          // Too many sessions from here right now: try again when the server says, without bothering the visitor.
          showStatus(tenantText('widget.slowDown'));
          setTimeout(start, retryDelay(error, 1000));
          return;
        }
        showStatus(error.message);
      });
  }

  // A message that did not get through (network, 5xx, 429) is sent again with the same clientMessageId, so the
  // server stores it once however many attempts reach it; a refusal (4xx) is shown at once. A 429 (too many messages)
  // is not a failure: the message waits as long as the server's Retry-After says, as often as it takes, and the
  // visitor sees the tenant's text meanwhile. Messages go out one at a time, in the order written, so a message
  // waiting out a 429 keeps the ones after it behind it.
  var resendDelays = [1000, 2000, 4000, 8000, 16000];
  var outgoing = Promise.resolve();

  function post(body) {
    var pending = renderPending(body);
    return enqueue(function () { return deliver(body, pending); });
  }

  // Runs task after everything queued before it, once the session is there.
  function enqueue(task) {
    outgoing = outgoing
      .then(function () { return sessionReady.catch(function () { return null; }); })
      .then(task);
    return outgoing;
  }

  function deliver(body, pending) {
    body.clientMessageId = newId();
    body.language = navigator.language; // the bot answers in it when the business has texts in it
    function attempt(n) {
      return request('POST', '/messages', body)
        .then(function (stored) {
          pending.setAttribute('data-message-id', stored.messageId);
          rendered[stored.messageId] = pending;
          pending.classList.remove('cw-pending');
          showStatus('');
          listen();
        })
        .catch(function (error) {
          if (error.status === 429) {
            showStatus(tenantText('widget.slowDown'));
            return wait(retryDelay(error, resendDelays[0])).then(function () { return attempt(n); });
          }
          var transient = !error.status || error.status === 408 || error.status >= 500;
          if (transient && n < resendDelays.length) {
            showStatus(tenantText('widget.retrying') || 'Not sent yet, trying again\u2026');
            return wait(resendDelays[n]).then(function () { return attempt(n + 1); });
          }
          pending.classList.add('cw-failed');
          showStatus(error.message);
        });
    }
    return attempt(0);
  }

  // A file: shown at once with a preview (an image) or its name and size, uploaded with a progress bar, then sent as a
  // message by its media id. The upload goes in the same queue as messages, so the order written is the order sent;
  // it is retried like a message (429 after Retry-After, network and 5xx a few times); a refusal (too large, a type
  // the business does not take, storage full) marks the bubble failed with the business's text.
  function postFile(file, caption) {
    var pending = el('div', 'cw-msg cw-from-customer cw-pending');
    pending.setAttribute('data-from', 'customer');
    if (/^image\//.test(file.type) && window.URL && URL.createObjectURL) {
      var preview = el('img', 'cw-image cw-preview');
      preview.src = URL.createObjectURL(file);
      preview.alt = file.name;
      pending.appendChild(preview);
    } else {
      text(pending, '\uD83D\uDCC4 ' + file.name + ' (' + size(file.size) + ')');
    }
    if (caption) { text(pending, caption); }
    var progress = el('progress', 'cw-progress');
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute('data-testid', 'cw-progress');
    pending.appendChild(progress);
    list.appendChild(pending);
    list.scrollTop = list.scrollHeight;

    function attempt(n) {
      return upload(file, function (percent) { progress.value = percent; })
        .then(function (stored) {
          progress.value = 100;
          var body = { mediaId: stored.mediaId };
          if (caption) { body.text = caption; }
          return deliver(body, pending);
        })
        .catch(function (error) {
          if (error.status === 429) {
            showStatus(tenantText('widget.slowDown'));
            return wait(retryDelay(error, resendDelays[0])).then(function () { return attempt(n); });
          }
          var transient = !error.status || error.status === 408 || error.status >= 500;
          if (transient && n < resendDelays.length) {
            showStatus(tenantText('widget.retrying') || 'Not sent yet, trying again\u2026');
            return wait(resendDelays[n]).then(function () { return attempt(n + 1); });
          }
          pending.classList.add('cw-failed');
          showStatus(tenantText('widget.fileRefused') || error.message);
        });
    }
    return enqueue(function () { return attempt(0); });
  }

  // XMLHttpRequest rather than fetch: only it reports upload progress.
  function upload(file, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('POST', api + '/media');
      xhr.setRequestHeader('Accept', 'application/json');
      if (state.token) { xhr.setRequestHeader('Authorization', 'Bearer ' + state.token); }
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable) { onProgress(Math.round(event.loaded * 100 / event.total)); }
      };
      xhr.onload = function () {
        var data = null;
        try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch (e) { data = null; }
        if (xhr.status >= 200 && xhr.status < 300) { resolve(data); return; }
        var error = new Error((data && (data.detail || data.title)) || ('HTTP ' + xhr.status));
        error.status = xhr.status;
        error.retryAfter = parseInt(xhr.getResponseHeader('Retry-After'), 10);
        reject(error);
      };
      xhr.onerror = function () { reject(new Error('network')); };
      var data = new FormData();
      data.append('file', file, file.name);
      xhr.send(data);
    });
  }

  function size(bytes) {
    if (bytes < 1024) { return bytes + ' B'; }
    if (bytes < 1024 * 1024) { return Math.round(bytes / 1024) + ' KB'; }
    return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  }

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  // The server's Retry-After (seconds) when it sent one, else the fallback; never more than an hour.
  function retryDelay(error, fallback) {
    var seconds = error.retryAfter;
    return seconds > 0 ? Math.min(seconds, 3600) * 1000 : fallback;
  }

  // A text of the tenant's (handed over with the session); nothing when the session did not bring it yet.
  function tenantText(key) {
    return (state.texts && state.texts[key]) || '';
  }

  // The visitor's own words on the panel, in the tenant's language (kept from the last session until a new one comes).
  function applyTexts() {
    input.placeholder = tenantText('widget.placeholder') || 'Type a message\u2026';
    attach.setAttribute('aria-label', tenantText('widget.attach') || 'Attach a file');
    attach.title = attach.getAttribute('aria-label');
    send.textContent = tenantText('widget.send') || 'Send';
  }

  function listen() {
    if (source) { return; }
    var url = api + '/events?token=' + encodeURIComponent(state.token);
    if (state.lastEventId) { url += '&lastEventId=' + encodeURIComponent(state.lastEventId); }
    source = new EventSource(url);
    source.addEventListener('message', function (event) {
      var message = JSON.parse(event.data);
      state.lastEventId = event.lastEventId || message.id;
      writeState();
      render(message);
    });
    source.onopen = function () { showStatus(''); };
    source.onerror = function () { showStatus(tenantText('widget.reconnecting') || 'Reconnecting\u2026'); };
  }

  function render(message) {
    if (!message || rendered[message.messageId]) { return; }
    var bubble = el('div', 'cw-msg cw-from-' + message.from);
    bubble.setAttribute('data-message-id', message.messageId);
    bubble.setAttribute('data-from', message.from);
    fill(bubble, message.content || {}, message.mediaUrl);
    rendered[message.messageId] = bubble;
    list.appendChild(bubble);
    list.scrollTop = list.scrollHeight;
  }

  function renderPending(body) {
    var bubble = el('div', 'cw-msg cw-from-customer cw-pending');
    bubble.setAttribute('data-from', 'customer');
    fill(bubble, body.payload ? { type: 'button_press', payload: body.payload, label: body.label } : { type: 'text', text: body.text });
    list.appendChild(bubble);
    list.scrollTop = list.scrollHeight;
    return bubble;
  }

  function fill(bubble, content, mediaUrl) {
    switch (content.type) {
      case 'text':
        text(bubble, content.text);
        buttons(bubble, content.buttons);
        break;
      case 'image':
        if (content.url) {
          var img = el('img', 'cw-image');
          // Images we keep come as signed links relative to this server, not to the page the widget is on.
          img.src = content.url.charAt(0) === '/' ? base + content.url : content.url;
          img.alt = content.caption || 'image';
          bubble.appendChild(img);
        } else {
          text(bubble, '[photo]');
        }
        if (content.caption) { text(bubble, content.caption); }
        buttons(bubble, content.buttons);
        break;
      case 'document':
        fileLink(bubble, content, mediaUrl);
        if (content.caption) { text(bubble, content.caption); }
        break;
      case 'link':
        if (content.text) { text(bubble, content.text); }
        bubble.appendChild(link(content.url, content.title));
        break;
      case 'button_press':
        text(bubble, content.label || content.payload);
        break;
      case 'contact':
        text(bubble, content.phoneNumber);
        break;
      case 'location':
        text(bubble, '\uD83D\uDCCD ' + content.latitude + ', ' + content.longitude);
        break;
      default:
        text(bubble, '[' + (content.kind || content.type || 'message') + ']');
    }
  }

  // A file we keep: a player for audio and video, otherwise a download link with its name and size. A file not (yet)
  // kept shows its name only.
  function fileLink(bubble, content, mediaUrl) {
    var name = content.fileName || content.mimeType || 'file';
    if (!mediaUrl) {
      text(bubble, '\uD83D\uDCC4 ' + name);
      return;
    }
    var url = mediaUrl.charAt(0) === '/' ? base + mediaUrl : mediaUrl;
    var type = (content.media && content.media.contentType) || '';
    if (/^(audio|video)\//.test(type)) {
      var player = el(type.charAt(0) === 'a' ? 'audio' : 'video', 'cw-player');
      player.controls = true;
      player.preload = 'metadata';
      player.src = url;
      bubble.appendChild(player);
    }
    var a = el('a', 'cw-link cw-file-link');
    a.href = url;
    a.download = name;
    a.rel = 'noopener noreferrer';
    a.textContent = '\uD83D\uDCC4 ' + name + (content.media && content.media.size ? ' (' + size(content.media.size) + ')' : '');
    bubble.appendChild(a);
  }

  function buttons(bubble, items) {
    if (!items || !items.length) { return; }
    var row = el('div', 'cw-buttons');
    items.forEach(function (button) {
      if (button.url) {
        row.appendChild(link(button.url, button.label));
        return;
      }
      var choice = el('button', 'cw-choice');
      choice.type = 'button';
      choice.textContent = button.label;
      choice.addEventListener('click', function () {
        post({ payload: button.payload || button.label, label: button.label });
      });
      row.appendChild(choice);
    });
    bubble.appendChild(row);
  }

  function link(url, label) {
    var a = el('a', 'cw-link');
    a.textContent = label || url;
    if (/^https?:\/\//i.test(url)) { a.href = url; }
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function text(parent, value) {
    var p = el('p', 'cw-text');
    p.textContent = value == null ? '' : String(value);
    parent.appendChild(p);
  }

  function request(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (body) { headers['Content-Type'] = 'application/json'; }
    if (state.token) { headers['Authorization'] = 'Bearer ' + state.token; }
    return fetch(api + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        return response.text().then(function (raw) {
          var data = null;
          try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
          if (!response.ok) {
            var error = new Error((data && (data.detail || data.title)) || ('HTTP ' + response.status));
            error.status = response.status;
            error.retryAfter = parseInt(response.headers.get('Retry-After'), 10);
            throw error;
          }
          return data;
        });
      });
  }

  function showStatus(message) { status.textContent = message || ''; }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return 'm' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function el(tag, className) {
    var node = document.createElement(tag);
    node.className = className;
    return node;
  }

  function readState() {
    try { return JSON.parse(localStorage.getItem(storageKey)) || {}; } catch (e) { return {}; }
  }

  function writeState() {
    try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode: session only */ }
  }
})();
