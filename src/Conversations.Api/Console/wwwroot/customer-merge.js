// Merge and unmerge in the customer view: merge another customer into this one (POST /api/v1/customers/{id}/merge,
// the values they disagreed on listed with the one kept), split an identity back out into a customer of its own
// (POST /api/v1/customers/{id}/unmerge), and who did what (GET /api/v1/customers/{id}/audit).
import { api, query } from './api.js';
import { channelLabel, h } from './dom.js';
import { attempt } from './errors.js';
import { formatTime } from './time.js';

/**
 * The merge tools under a customer detail (GET /api/v1/customers/{id}). onChanged(customerId) shows a customer again
 * after a change; the outcome of the change stays shown above the tools.
 */
export function mergeTools(detail, onChanged, outcome = null) {
  const profile = detail.profile;
  const id = profile.customerId;
  const input = h('input', {
    type: 'text', name: 'absorbedId', required: true, autocomplete: 'off', testid: 'merge-absorbed-id',
    'aria-label': 'Id of the customer to merge into this one', placeholder: 'Customer id to merge into this one',
  });
  const form = h('form', {
    class: 'search-form', testid: 'merge-form',
    onsubmit: (event) => {
      event.preventDefault();
      attempt(async () => {
        const result = await api(`/api/v1/customers/${encodeURIComponent(id)}/merge`, { method: 'POST', body: { absorbedId: input.value.trim() } });
        await onChanged(id, mergeOutcome(result));
      }, event.submitter);
    },
  }, input, h('button', { type: 'submit', testid: 'merge-submit', text: 'Merge' }));

  const identities = profile.identities.map((identity) => h('li', { testid: 'merge-identity', 'data-user': identity.key.externalUserId },
    h('span', { text: `${channelLabel(identity.key.kind)} · ${identity.key.account} · ${identity.key.externalUserId} ` }),
    profile.identities.length > 1
      ? h('button', {
        type: 'button', class: 'link-button', testid: 'unmerge-identity', text: 'Split out',
        onclick: (event) => attempt(async () => {
          const result = await api(`/api/v1/customers/${encodeURIComponent(id)}/unmerge`, {
            method: 'POST',
            body: { identities: [{ kind: identity.key.kind, account: identity.key.account, externalUserId: identity.key.externalUserId }] },
          });
          await onChanged(id, h('p', { class: 'muted', testid: 'merge-outcome-text', text:
            `Split out into a new customer (${result.splitOut.displayName}) with ${result.movedConversations.length} conversation(s).` }));
        }, event.currentTarget),
      })
      : null));

  const audit = h('ul', { class: 'results', testid: 'customer-audit' }, h('li', { class: 'muted', text: 'Loading…' }));
  attempt(async () => {
    const entries = await api(`/api/v1/customers/${encodeURIComponent(id)}/audit${query({ limit: 20 })}`);
    audit.replaceChildren(...(entries.length
      ? entries.map((entry) => h('li', { testid: 'audit-entry', 'data-action': entry.action },
        h('span', { class: 'result-meta', text: `${formatTime(entry.at)} · ${entry.actorName}` }), ` ${auditText(entry)}`))
      : [h('li', { class: 'muted', text: 'Nothing changed by hand.' })]));
  });

  return h('section', { class: 'merge-tools', testid: 'merge-tools', 'aria-label': 'Merge and unmerge' },
    outcome,
    h('p', { class: 'muted', text: 'Identities' }), h('ul', { class: 'plain' }, identities),
    h('p', { class: 'muted', text: 'Merge another customer into this one (same person)' }), form,
    h('p', { class: 'muted', text: 'Changes by hand' }), audit);
}

function mergeOutcome(result) {
  return h('div', { testid: 'merge-outcome' },
    h('p', { class: 'muted', testid: 'merge-outcome-text', text:
      `Merged: ${result.movedIdentities.length} identity(ies) and ${result.movedConversations.length} conversation(s) moved here.` }),
    result.conflicts.length
      ? h('ul', { class: 'plain', testid: 'merge-conflicts' }, result.conflicts.map((conflict) => h('li', { testid: 'merge-conflict', 'data-field': conflict.field,
        text: `${conflict.field}: kept “${conflict.kept}” over “${conflict.dropped}” (${reasons[conflict.reason] ?? conflict.reason})` })))
      : null);
}

const reasons = { verified: 'verified beats unverified', newer: 'newer wins', survivor: 'this customer’s value stays' };

function auditText(entry) {
  const details = entry.details ?? {};
  const moved = `${details.identities?.length ?? 0} identity(ies), ${details.conversations?.length ?? 0} conversation(s)`;
  switch (entry.action) {
    case 'merged': return `merged customer ${details.absorbedId} into this one: ${moved}`;
    case 'absorbed': return `merged this customer into ${details.survivorId}: ${moved}`;
    case 'unmerged': return `split ${moved} out into ${details.splitOutId}`;
    case 'split-out': return `made of ${moved} split out of ${details.fromId}`;
    default: return entry.action;
  }
}
