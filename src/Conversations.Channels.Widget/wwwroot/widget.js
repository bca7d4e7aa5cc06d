/*
 * Conversations website widget. Embed with one tag:
 *   <script src="https://YOUR-HOST/widget/widget.js" data-widget="WIDGET-KEY" async></script>
 * Optional: data-title="Chat with us", data-open="true" (start opened).
 * The title, accent colour, greeting and corner are the widget's appearance as its admin set it on the console's
 * Channels screen (the session brings them); a data-title on the tag still wins on that page.
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
  // The visitor's messages on screen before the server confirmed them, by clientMessageId: whichever of the send's
  // answer and the live event comes first finds the bubble here, so each message is shown once.
  var pendingByClientId = {};
  var source = null;
  var started = false;
  // Typing and read marks (see signalTyping): when typing was last passed on, the operators' last message and read mark.
  var typingSentAt = 0;
  var typingTimer = null;
  var lastOperatorSeq = 0;
  var readSent = 0;
  var readUpTo = 0;
  // A token for this page: messages written before the session exists (or while it is being reopened) wait for it,
  // and are sent once it does. Resolved by the first session that succeeds; replaced when the server refuses a token.
  var session = deferred();

  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = base + '/widget/widget.css';
  document.head.appendChild(css);

  var root = el('div', 'cw-root');
  var launcher = el('button', 'cw-launcher');
  launcher.type = 'button';
  launcher.setAttribute('data-testid', 'cw-launcher');
  launcher.appendChild(launcherIcon());
  var panel = el('section', 'cw-panel');
  panel.hidden = true;
  var header = el('header', 'cw-header');
  var titleEl = el('h2', 'cw-title');
  titleEl.id = 'cw-title';
  titleEl.setAttribute('data-testid', 'cw-title');
  panel.setAttribute('aria-labelledby', 'cw-title');
  titleEl.textContent = script.getAttribute('data-title') || 'Chat';
  var close = el('button', 'cw-close');
  close.type = 'button';
  close.setAttribute('data-testid', 'cw-close');
  close.textContent = '\u00D7';
  // "Continue in a messenger": one-time links into the tenant's messengers that carry this visitor on with the same history.
  var continueButton = el('button', 'cw-continue');
  continueButton.type = 'button';
  continueButton.setAttribute('data-testid', 'cw-continue');
  continueButton.setAttribute('aria-expanded', 'false');
  continueButton.setAttribute('aria-controls', 'cw-continue-panel');
  continueButton.appendChild(continueIcon());
  var continuePanel = el('div', 'cw-continue-panel');
  continuePanel.id = 'cw-continue-panel';
  continuePanel.hidden = true;
  continuePanel.setAttribute('data-testid', 'cw-continue-panel');
  var actions = el('div', 'cw-actions');
  actions.appendChild(continueButton);
  actions.appendChild(close);
  header.appendChild(titleEl);
  header.appendChild(actions);
  var list = el('div', 'cw-messages');
  list.setAttribute('role', 'log');
  list.setAttribute('aria-live', 'polite');
  list.setAttribute('data-testid', 'cw-messages');
  var status = el('div', 'cw-status');
  status.setAttribute('role', 'status');
  // "The operator is typing…": its own live region, so a screen reader says it once rather than with every message.
  var typing = el('div', 'cw-typing');
  typing.setAttribute('aria-live', 'polite');
  typing.setAttribute('data-testid', 'cw-typing');
  typing.hidden = true;
  var form = el('form', 'cw-form');
  var input = el('input', 'cw-input');
  input.type = 'text';
  input.maxLength = 4000;
  input.placeholder = 'Type a message\u2026';
  input.setAttribute('data-testid', 'cw-input');
  var attach = el('button', 'cw-attach');
  attach.type = 'button';
  attach.appendChild(paperClipIcon());
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
  // The admin's greeting for this widget, above the conversation (plain text; hidden when there is none).
  var greeting = el('p', 'cw-greeting');
  greeting.setAttribute('data-testid', 'cw-greeting');
  greeting.hidden = true;
  applyAppearance(state.appearance);
  panel.appendChild(continuePanel);
  panel.appendChild(greeting);
  panel.appendChild(list);
  panel.appendChild(typing);
  panel.appendChild(status);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);
  (document.body || document.documentElement).appendChild(root);

  launcher.addEventListener('click', function () { toggle(true); });
  continueButton.addEventListener('click', function () { showContinueLinks(continuePanel.hidden); });
  close.addEventListener('click', function () { toggle(false); });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = '';
    post({ text: text });
  });
  input.addEventListener('input', function () { if (input.value.trim()) { signalTyping(); } });
  document.addEventListener('visibilitychange', markRead);

  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { toggle(false); launcher.focus(); }
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
      markRead();
    }
  }

  function start() {
    if (started) { return; }
    started = true;
    openSession(0)
      .then(function () { return request('GET', '/messages'); })
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
        showStatus(visitorMessage(error));
      });
  }

  // Opens (or resumes) the visitor's session and resolves the page's session with it. A session that cannot be opened
  // yet (network, 5xx, 429) is tried again, with the server's Retry-After when it gives one, without bothering the
  // visitor with details: what they write meanwhile waits in order and goes out once the session exists.
  function openSession(n) {
    var body = { token: state.token || null };
    if (user) {
      body.userId = user.userId;
      body.userHash = user.userHash;
      body.name = user.name;
      body.email = user.email;
      body.phone = user.phone;
    }
    return request('POST', '/session', body)
      .then(function (opened) {
        state.token = opened.token;
        state.texts = opened.texts || {};
        state.continueIn = opened.continueIn || [];
        state.appearance = opened.appearance || null;
        writeState();
        applyTexts();
        if (!script.getAttribute('data-title') && opened.title) { titleEl.textContent = opened.title; }
        applyAppearance(state.appearance);
        // The page may follow the widget (the demo page shows its title): a 'conversations:session' event on the script tag.
        try {
          script.dispatchEvent(new CustomEvent('conversations:session', { bubbles: true, detail: { title: titleEl.textContent } }));
        } catch (ignored) { /* very old browsers: nothing listens there anyway */ }
        showStatus('');
        session.resolve(opened.token);
        return opened;
      }, function (error) {
        var transient = !error.status || error.status === 408 || error.status === 429 || error.status >= 500;
        if (!transient) { throw error; }
        showStatus(error.status === 429 ? tenantText('widget.slowDown') : tenantText('widget.connecting'));
        var delay = retryDelay(error, resendDelays[Math.min(n, resendDelays.length - 1)]);
        return wait(delay).then(function () { return openSession(n + 1); });
      });
  }

  // The server no longer knows the token (its signing key rotated, or it expired): a new session is opened, and the
  // message that found out waits for it like any message written before a session.
  function renewSession() {
    state.token = null;
    writeState();
    session = deferred();
    if (source) { source.close(); source = null; }
    return openSession(0);
  }

  // A message that did not get through (network, 5xx, 429) is sent again with the same clientMessageId, so the
  // server stores it once however many attempts reach it; a refusal (4xx) is shown at once. A 429 (too many messages)
  // is not a failure: the message waits as long as the server's Retry-After says, as often as it takes, and the
  // visitor sees the tenant's text meanwhile. Messages go out one at a time, in the order written, so a message
  // waiting out a 429 keeps the ones after it behind it.
  var resendDelays = [1000, 2000, 4000, 8000, 16000];
  var outgoing = Promise.resolve();

  function post(body) {
    body.clientMessageId = newId();
    var pending = renderPending(body);
    return enqueue(function () { return deliver(body, pending); });
  }

  // Runs task after everything queued before it, once the session is there.
  function enqueue(task) {
    outgoing = outgoing
      .then(function () { return session.promise; })
      .then(task);
    return outgoing;
  }

  // Sends body (its clientMessageId set, its pending bubble drawn) and settles the bubble.
  function deliver(body, pending) {
    body.language = navigator.language; // the bot answers in it when the business has texts in it
    var renewed = false;
    function attempt(n) {
      return request('POST', '/messages', body)
        .then(function (stored) {
          confirm(body.clientMessageId, stored.messageId, stored.seq);
          showStatus('');
          listen();
        })
        .catch(function (error) {
          if (error.status === 401 && !renewed) {
            renewed = true;
            return renewSession().then(function () { return attempt(n); });
          }
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
          showStatus(visitorMessage(error));
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
    var clientMessageId = newId();
    pendingByClientId[clientMessageId] = pending;
    append(pending);

    function attempt(n) {
      return upload(file, function (percent) { progress.value = percent; })
        .then(function (stored) {
          progress.value = 100;
          var body = { mediaId: stored.mediaId, clientMessageId: clientMessageId };
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

  // The server stored the visitor's message: its pending bubble becomes that message. When the live event came first
  // it already did; a second bubble the event drew before the answer (an old server without clientMessageId) goes.
  function confirm(clientMessageId, messageId, seq) {
    var pending = pendingByClientId[clientMessageId];
    if (!pending) { return; }
    delete pendingByClientId[clientMessageId];
    var shown = rendered[messageId];
    if (shown && shown !== pending && shown.parentNode) { shown.parentNode.removeChild(shown); }
    pending.setAttribute('data-message-id', messageId);
    if (seq) { pending.setAttribute('data-seq', String(seq)); }
    pending.classList.remove('cw-pending');
    pending.classList.remove('cw-failed');
    rendered[messageId] = pending;
  }

  // What the visitor reads when something failed for good: the tenant's words, never a developer's detail.
  function visitorMessage(error) {
    return error && error.status === 429 ? tenantText('widget.slowDown') : tenantText('widget.notSent');
  }

  function deferred() {
    var result = {};
    result.promise = new Promise(function (resolve) { result.resolve = resolve; });
    return result;
  }

  // The launcher's speech bubble and the attach button's paper clip, drawn: an emoji shows as an empty box where no
  // emoji font is installed.
  function launcherIcon() {
    return icon('M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z',
      28, false, 'cw-launcher-icon');
  }

  function continueIcon() {
    return icon('M14 3h7v7M21 3l-9 9M19 14v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2h5', 20, true);
  }

  // Asks for fresh links (a token works once, for an hour) each time the visitor opens the list; a messenger's link
  // opens in a new tab, where the messenger's app takes over.
  function showContinueLinks(open) {
    continuePanel.hidden = !open;
    continueButton.setAttribute('aria-expanded', String(open));
    if (!open) { return; }
    continuePanel.textContent = '';
    session.promise
      .then(function () { return request('POST', '/continue-links'); })
      .then(function (offer) {
        var hint = el('p', 'cw-continue-hint');
        hint.textContent = tenantText('widget.continueHint');
        continuePanel.appendChild(hint);
        (offer.links || []).forEach(function (item) {
          var link = el('a', 'cw-continue-link');
          link.href = item.url;
          link.target = '_blank';
          link.rel = 'noopener noreferrer';
          link.setAttribute('data-testid', 'cw-continue-link');
          link.setAttribute('data-channel', item.channel);
          link.textContent = messengerName(item.channel) + (item.name ? ' \u00B7 ' + item.name : '');
          continuePanel.appendChild(link);
        });
      })
      .catch(function (error) { continuePanel.hidden = true; showStatus(visitorMessage(error)); });
  }

  // Messengers are called by their own brand names in every language.
  function messengerName(channel) {
    return { Telegram: 'Telegram', WhatsApp: 'WhatsApp', Messenger: 'Messenger', Instagram: 'Instagram', Vk: 'VK', Viber: 'Viber' }[channel] || channel;
  }

  function paperClipIcon() {
    return icon('M21.44 11.05l-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48', 20, true);
  }

  // A decorative SVG of one path, filled or outlined in the text's colour.
  function icon(d, size, outlined, className) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', String(size));
    svg.setAttribute('height', String(size));
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    if (className) { svg.setAttribute('class', className); }
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', outlined ? 'none' : 'currentColor');
    if (outlined) {
      path.setAttribute('stroke', 'currentColor');
      path.setAttribute('stroke-width', '2');
      path.setAttribute('stroke-linecap', 'round');
      path.setAttribute('stroke-linejoin', 'round');
    }
    path.setAttribute('d', d);
    svg.appendChild(path);
    return svg;
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
    continueButton.setAttribute('aria-label', tenantText('widget.continueIn') || 'Continue in a messenger');
    continueButton.title = continueButton.getAttribute('aria-label');
    // Offered only where the tenant has a messenger to continue in (the session says so).
    continueButton.hidden = !(state.continueIn && state.continueIn.length > 0);
    send.textContent = tenantText('widget.send') || 'Send';
    // Screen readers' labels: the tenant's words once a session brought them; until then the browser's language.
    var russian = /^ru/i.test(navigator.language || '');
    launcher.setAttribute('aria-label', tenantText('widget.open') || (russian ? '\u041e\u0442\u043a\u0440\u044b\u0442\u044c \u0447\u0430\u0442' : 'Open chat'));
    close.setAttribute('aria-label', tenantText('widget.close') || (russian ? '\u0417\u0430\u043a\u0440\u044b\u0442\u044c \u0447\u0430\u0442' : 'Close chat'));
    input.setAttribute('aria-label', tenantText('widget.messageLabel') || (russian ? '\u0421\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435' : 'Message'));
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
    source.addEventListener('signal', function (event) { signalled(JSON.parse(event.data)); });
    source.onopen = function () { showStatus(''); };
    source.onerror = function () { showStatus(tenantText('widget.reconnecting') || 'Reconnecting\u2026'); };
  }

  function render(message) {
    if (!message || rendered[message.messageId]) { return; }
    if (message.clientMessageId && pendingByClientId[message.clientMessageId]) {
      confirm(message.clientMessageId, message.messageId, message.seq);
      showRead();
      return;
    }
    var bubble = el('div', 'cw-msg cw-from-' + message.from);
    bubble.setAttribute('data-message-id', message.messageId);
    bubble.setAttribute('data-seq', String(message.seq));
    bubble.setAttribute('data-from', message.from);
    fill(bubble, message.content || {}, message.mediaUrl);
    rendered[message.messageId] = bubble;
    append(bubble);
    if (message.from === 'operator') {
      showTyping(false);
      lastOperatorSeq = Math.max(lastOperatorSeq, message.seq);
      markRead();
    } else if (message.from === 'customer') {
      showRead();
    }
  }

  // Typing and read marks, live only (the server stores none of them). The visitor's typing goes out at most every 3 s
  // while they type, once they have a conversation; a read mark when an operator's message is on screen in an open
  // panel. The operator's typing shows for a few seconds; the operators' read mark as the tenant's "Read" under the
  // visitor's last message it covers. A signal that does not get through is not tried again: the next one says the same.
  function signalTyping() {
    var now = Date.now();
    if (!state.token || !state.lastEventId || now - typingSentAt < 3000) { return; }
    typingSentAt = now;
    request('POST', '/signals', { kind: 'Typing' }).catch(function () { /* see above: the next keystroke says it again */ });
  }

  function markRead() {
    if (panel.hidden || document.visibilityState !== 'visible' || lastOperatorSeq <= readSent || !state.token) { return; }
    readSent = lastOperatorSeq;
    request('POST', '/signals', { kind: 'Read', upToSeq: readSent }).catch(function () { readSent = 0; });
  }

  function signalled(signal) {
    if (signal.kind === 'Typing') {
      showTyping(true);
    } else if (signal.kind === 'Read' && signal.upToSeq > readUpTo) {
      readUpTo = signal.upToSeq;
      showRead();
    }
  }

  function showTyping(shown) {
    clearTimeout(typingTimer);
    typing.hidden = !shown;
    typing.textContent = shown ? tenantText('widget.operatorTyping') : '';
    if (shown) { typingTimer = setTimeout(function () { showTyping(false); }, 6000); }
  }

  // "Read" under the visitor's last message the operators have read (one mark, moved forward as they read on).
  function showRead() {
    var mark = list.querySelector('.cw-read');
    var read = null;
    Array.prototype.forEach.call(list.querySelectorAll('.cw-from-customer[data-seq]'), function (bubble) {
      if (Number(bubble.getAttribute('data-seq')) <= readUpTo) { read = bubble; }
    });
    if (!read || (mark && mark.parentNode === read)) { return; }
    if (mark) { mark.parentNode.removeChild(mark); }
    mark = el('span', 'cw-read');
    mark.setAttribute('data-testid', 'cw-read');
    mark.textContent = tenantText('widget.read');
    read.appendChild(mark);
  }

  function renderPending(body) {
    var bubble = el('div', 'cw-msg cw-from-customer cw-pending');
    bubble.setAttribute('data-from', 'customer');
    fill(bubble, body.payload ? { type: 'button_press', payload: body.payload, label: body.label } : { type: 'text', text: body.text });
    pendingByClientId[body.clientMessageId] = bubble;
    append(bubble);
    return bubble;
  }

  // Adds a bubble at the bottom and keeps the newest message in view, also once its pictures have loaded (they change
  // its height after it was added), unless the visitor scrolled up to read.
  function append(bubble) {
    var atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.appendChild(bubble);
    list.scrollTop = list.scrollHeight;
    Array.prototype.forEach.call(bubble.querySelectorAll('img'), function (img) {
      if (img.complete) { return; }
      img.addEventListener('load', function () { if (atBottom) { list.scrollTop = list.scrollHeight; } });
    });
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

  // The widget's look as its admin set it (kept from the last session, so a returning visitor sees it at once):
  // title, accent colour (a CSS variable the stylesheet uses), greeting and the corner it sits in.
  function applyAppearance(look) {
    if (!look) { return; }
    if (!script.getAttribute('data-title') && look.title) { titleEl.textContent = look.title; }
    if (/^#[0-9a-fA-F]{6}$/.test(look.color || '')) { root.style.setProperty('--cw-accent', look.color); }
    root.classList.toggle('cw-left', look.position === 'BottomLeft');
    greeting.textContent = look.greeting || '';
    greeting.hidden = !look.greeting;
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
