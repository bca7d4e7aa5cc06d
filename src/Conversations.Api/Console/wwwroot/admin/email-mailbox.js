// The form that connects a support mailbox (IMAP + SMTP). The API signs in to both servers before it stores anything
// and answers what failed in plain words (the field, then the reason), which the status line shows as it is. The
// password or token is sent once and never shown back (the list shows the address and name only). The same holds for
// the DKIM private key. The inbound hook's secret is shown once, right after connecting, with its path.
import { api } from '../api.js';
import { h } from '../dom.js';
import { copy, field, saving, status } from './forms.js';

const select = (testid, options, selected) =>
  h('select', { testid }, Object.entries(options).map(([value, text]) => h('option', { value, text, selected: value === selected })));

/** The mailbox form in the words <w>; <reload> lists the channels again once one is connected. */
export function mailboxForm(w, reload) {
  const input = (testid, attrs = {}) => h('input', { testid, ...attrs });
  const address = input('email-address', { type: 'email', required: true, maxlength: 254, placeholder: 'support@shop.example' });
  const displayName = input('email-display-name', { required: true, maxlength: 200 });
  const imapHost = input('email-imap-host', { required: true, maxlength: 253, placeholder: 'imap.shop.example' });
  const imapPort = input('email-imap-port', { type: 'number', min: 1, max: 65535, value: 993 });
  const imapTls = select('email-imap-tls', w.tlsModes, 'SslOnConnect');
  const smtpHost = input('email-smtp-host', { required: true, maxlength: 253, placeholder: 'smtp.shop.example' });
  const smtpPort = input('email-smtp-port', { type: 'number', min: 1, max: 65535, value: 587 });
  const smtpTls = select('email-smtp-tls', w.tlsModes, 'StartTls');
  const username = input('email-username', { maxlength: 254, autocomplete: 'off' });
  const credentialKind = select('email-credential-kind', w.credentialKinds, 'Password');
  const credential = input('email-credential', { type: 'password', required: true, autocomplete: 'new-password' });
  const signature = h('textarea', { testid: 'email-signature', rows: 3, maxlength: 1000 });
  const reopenDays = input('email-reopen-days', { type: 'number', min: 0, max: 365, value: 7 });
  const folder = input('email-folder', { maxlength: 200, placeholder: 'INBOX', translate: 'no' });
  const trustedAuthServId = input('email-trusted-authserv-id', { maxlength: 253, placeholder: 'mx.google.com' });
  const vouch = input('email-vouch-for-senders', { type: 'checkbox' });
  const dkimDomain = input('email-dkim-domain', { maxlength: 253, placeholder: 'shop.example' });
  const dkimSelector = input('email-dkim-selector', { maxlength: 63, placeholder: 'mail2026', translate: 'no' });
  const dkimKey = h('textarea', { testid: 'email-dkim-key', rows: 3, maxlength: 8192, autocomplete: 'off', spellcheck: 'false', placeholder: '-----BEGIN PRIVATE KEY-----', translate: 'no' });
  const hook = h('div', { class: 'hint email-hook', testid: 'email-hook' });
  const line = status('email-status');
  const connect = h('button', { type: 'submit', class: 'primary', testid: 'email-connect' }, w.connectMailbox);
  const form = h('form', { class: 'card', testid: 'email-form' }, h('h3', { text: w.mailbox }),
    field(w.address, address, w.addressHint), field(w.displayName, displayName, w.displayNameHint),
    field(w.imapHost, imapHost), field(w.imapPort, imapPort), field(w.tls, imapTls),
    field(w.smtpHost, smtpHost), field(w.smtpPort, smtpPort), field(w.tls, smtpTls),
    field(w.username, username, w.usernameHint), field(w.credentialKind, credentialKind), field(w.credential, credential, w.credentialHint),
    field(w.signature, signature, w.signatureHint), field(w.reopenDays, reopenDays, w.reopenDaysHint),
    field(w.folder, folder, w.folderHint), field(w.trustedAuthServId, trustedAuthServId, w.trustedAuthServIdHint),
    h('label', { class: 'inline' }, vouch, w.vouchForSenders), h('span', { class: 'hint', text: w.vouchForSendersHint }),
    field(w.dkimDomain, dkimDomain, w.dkimHint), field(w.dkimSelector, dkimSelector), field(w.dkimKey, dkimKey, w.dkimKeyHint),
    h('div', { class: 'form-actions' }, connect, line.element), hook);
  const number = (element) => (element.value === '' ? null : Number(element.value));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      address: address.value.trim(), displayName: displayName.value.trim(),
      imapHost: imapHost.value.trim(), imapPort: number(imapPort), imapTls: imapTls.value,
      smtpHost: smtpHost.value.trim(), smtpPort: number(smtpPort), smtpTls: smtpTls.value,
      username: username.value.trim() || null, credentialKind: credentialKind.value, credential: credential.value,
      signature: signature.value.trim() || null, reopenWithinDays: number(reopenDays),
      folder: folder.value.trim() || null, trustedAuthServId: trustedAuthServId.value.trim() || null, vouchForSenders: vouch.checked,
      dkimDomain: dkimDomain.value.trim() || null, dkimSelector: dkimSelector.value.trim() || null, dkimPrivateKey: dkimKey.value.trim() || null,
    };
    hook.replaceChildren();
    const connected = await saving(connect, line, () => api('/api/v1/admin/channels/email-mailboxes', { method: 'POST', body }), w.connected);
    credential.value = ''; // typed once: never kept in the page, whatever the answer
    dkimKey.value = '';
    if (!connected) return;
    // The hook's secret is answered once, at connecting: shown now for the MTA's setup, never again.
    const secret = h('code', { testid: 'email-hook-secret', text: connected.inboundHookSecret });
    const copyButton = h('button', { type: 'button', testid: 'email-hook-copy', text: w.copy });
    copyButton.addEventListener('click', () => copy(connected.inboundHookSecret, secret));
    hook.replaceChildren(h('p', { text: w.hookIntro }), h('p', {}, h('code', { testid: 'email-hook-path', text: connected.inboundHookPath })),
      h('p', {}, w.hookSecret, ' ', secret, ' ', copyButton), h('p', { text: w.hookSecretOnce }));
    await reload();
  });
  return form;
}
