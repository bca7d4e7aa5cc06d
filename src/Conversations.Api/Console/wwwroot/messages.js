// One message of a conversation as a list item: who wrote it, what it carries (by content type), when, and for
// outbound messages where their delivery is.
import { channelLabel, h, humanize, safeUrl } from './dom.js';
import { renderMissingMedia, renderStoredFile, renderStoredImage } from './media.js';
import { renderOriginalMailButton } from './original-mail.js';
import { formatTime } from './time.js';

const authors = { Customer: 'Customer', Bot: 'Bot', Operator: 'Operator', System: 'Event' };

/** True for messages the business sends (their delivery is tracked). */
export const isOutbound = (message) => message.direction === 'Operator' || message.direction === 'Bot';

/** True while an outbound message has no final delivery state yet. */
export const awaitsDelivery = (message) =>
  isOutbound(message) && (!message.delivery || message.delivery.status === 'Pending' || message.delivery.status === 'Sending');

/** The list item of a message. */
export function renderMessage(message, operators) {
  const content = message.content ?? { type: 'unsupported', kind: 'empty' };
  if (content.type === 'event' && content.event === 'NoteAdded') return renderNote(message, operators);
  if (content.type === 'event') {
    return h('li', { class: 'message event', testid: 'message', 'data-direction': message.direction, 'data-seq': message.seq },
      h('span', { class: 'event-text' },
        humanize(content.event),
        content.detail ? `: ${content.detail}` : '',
        ' · ', h('time', { datetime: message.createdAt, text: formatTime(message.createdAt) })));
  }

  const author = message.direction === 'Operator'
    ? operators.names.get(message.operatorId) ?? 'Operator'
    : authors[message.direction] ?? message.direction;
  return h('li', {
    class: `message from-${message.direction.toLowerCase()}`,
    testid: 'message',
    'data-direction': message.direction,
    'data-seq': message.seq,
  },
  h('div', { class: 'bubble' }, renderContent(content)),
  h('div', { class: 'meta' },
    h('span', { class: 'author', text: author }),
    // One customer may write from several channels: each message says which one it came through (or went to).
    message.channel ? h('span', { class: 'channel', testid: 'message-channel', text: channelLabel(message.channel) }) : null,
    h('time', { datetime: message.createdAt, title: new Date(message.createdAt).toLocaleString(), text: formatTime(message.createdAt) }),
    message.editedAt ? h('span', { class: 'edited', title: new Date(message.editedAt).toLocaleString(), text: 'edited' }) : null,
    isOutbound(message) ? renderDelivery(message.delivery) : null,
    // A customer's mail shows its new part only: the whole original (quotes, HTML, headers) is one click away.
    message.direction === 'Customer' && message.channel === 'Email' ? renderOriginalMailButton(message) : null));
}

/** A private note: for operators only (the customer never gets it), shown apart from the chat. */
function renderNote(message, operators) {
  const author = operators.names.get(message.operatorId) ?? message.content.operatorId ?? 'Operator';
  return h('li', { class: 'message note', testid: 'message', 'data-direction': message.direction, 'data-seq': message.seq, 'data-note': 'true' },
    h('div', { class: 'bubble' }, h('span', { class: 'note-label', text: 'Private note' }), h('p', { class: 'text', text: message.content.detail ?? '' })),
    h('div', { class: 'meta' },
      h('span', { class: 'author', text: author }),
      h('time', { datetime: message.createdAt, title: new Date(message.createdAt).toLocaleString(), text: formatTime(message.createdAt) })));
}

function renderDelivery(delivery) {
  const status = delivery?.status ?? 'Pending';
  const title = delivery?.lastError
    ? `${status}: ${delivery.lastError}`
    : delivery ? `${status} after ${delivery.attempts} attempt(s)` : 'Waiting for the delivery report';
  return h('span', { class: `delivery delivery-${status.toLowerCase()}`, testid: 'delivery-status', 'data-status': status, title, text: status });
}

export function renderContent(content) {
  switch (content.type) {
    case 'text':
      return [h('p', { class: 'text', text: content.text }), renderButtons(content.buttons)];
    case 'image': {
      const src = content.url ? safeUrl(content.url) : null;
      return [
        content.media?.mediaId
          ? renderStoredImage(content.media, content.caption)
          : src
            ? h('a', { href: src, target: '_blank', rel: 'noopener noreferrer' }, h('img', { src, alt: content.caption || 'Image', loading: 'lazy' }))
            : renderMissingMedia(content.media, '🖼 Image'),
        content.caption ? h('p', { class: 'text', text: content.caption }) : null,
        renderButtons(content.buttons),
      ];
    }
    case 'link': {
      const href = safeUrl(content.url);
      return [
        content.text ? h('p', { class: 'text', text: content.text }) : null,
        href
          ? h('a', { class: 'link-card', href, target: '_blank', rel: 'noopener noreferrer', text: content.title || content.url })
          : h('p', { class: 'text', text: `${content.title} (${content.url})` }),
      ];
    }
    case 'button_press':
      return h('p', { class: 'text pressed', title: `payload: ${content.payload}`, text: `▸ ${content.label || content.payload}` });
    case 'contact':
      return h('p', { class: 'text', text: `📇 ${[content.firstName, content.lastName].filter(Boolean).join(' ')} ${content.phoneNumber}`.trim() });
    case 'location': {
      const map = `https://www.openstreetmap.org/?mlat=${content.latitude}&mlon=${content.longitude}#map=16/${content.latitude}/${content.longitude}`;
      return h('a', { href: map, target: '_blank', rel: 'noopener noreferrer', text: `📍 ${content.latitude}, ${content.longitude}` });
    }
    case 'document':
      return [
        content.media?.mediaId
          ? renderStoredFile(content.media, content.fileName)
          : h('p', { class: 'text', text: `📎 ${content.fileName || 'Document'}${content.mimeType ? ` (${content.mimeType})` : ''}` }),
        content.media?.mediaId ? null : renderMissingMedia(content.media, 'File'),
        content.caption ? h('p', { class: 'text', text: content.caption }) : null,
      ];
    case 'notification':
      return h('p', { class: 'text', text: `✉ ${content.subject}` });
    case 'template':
      // A word, not an emoji: machines without an emoji font showed an empty box.
      return h('p', { class: 'text', title: `WhatsApp template ${content.name} (${content.language})` },
        h('span', { class: 'template-tag', text: 'Template' }), ' ', content.preview);
    case 'unsupported':
      return h('p', { class: 'placeholder-content', text: `Unsupported message (${content.kind})` });
    default:
      return h('p', { class: 'placeholder-content', text: `Message of type ${content.type}` });
  }
}

function renderButtons(buttons) {
  if (!buttons?.length) return null;
  return h('ul', { class: 'buttons', 'aria-label': 'Buttons shown to the customer' },
    buttons.map((button) => h('li', { title: button.url ?? button.payload ?? '', text: button.label })));
}
