// Keyboard shortcuts for a working day: Alt+N opens the customer who has waited longest, Alt+T takes the open chat,
// Alt+R releases it to the bot, Ctrl+Enter (⌘+Enter) sends what the visible reply form holds.
import { byId } from './dom.js';
import { attempt } from './errors.js';

export function bindShortcuts({ conversation, queue, open }) {
  document.addEventListener('keydown', (event) => {
    if (byId('app-view').hidden) return;
    const key = event.key.toLowerCase();
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      // event.code: Alt with a letter types another character on some layouts (macOS), the physical key stays the same.
      const letter = event.code?.startsWith('Key') ? event.code.slice(3).toLowerCase() : key;
      const action = {
        n: () => {
          const next = queue.entries.find((entry) => entry.conversationId !== conversation.state?.id) ?? queue.entries[0];
          if (next) open(next.conversationId);
        },
        t: () => clickIfShown('action-take'),
        r: () => clickIfShown('action-release'),
      }[letter];
      if (!action) return;
      event.preventDefault();
      action();
      return;
    }
    // Enter in the reply box sends by itself (Ctrl+Enter included): sending here as well would send the reply twice.
    if ((event.ctrlKey || event.metaKey) && key === 'enter' && !event.defaultPrevented) {
      const form = [...document.querySelectorAll('.composer form.reply')].find((candidate) => !candidate.hidden);
      if (form && !byId('composer-body').hidden) {
        event.preventDefault();
        form.requestSubmit();
      }
    }
  });
}

function clickIfShown(id) {
  const button = byId(id);
  if (button && !button.hidden && !button.disabled && !byId('conversation').hidden) attempt(async () => button.click());
}
