// The signed-in operator and their colleagues (GET /api/v1/operators, open to every operator): the transfer list and the
// names of the operators on inbox rows.
import { api } from './api.js';

export class Operators {
  constructor(me) {
    this.me = me;
    this.colleagues = [];
    this.canTransfer = false;
    this.names = new Map([[me.operatorId, me.displayName]]);
  }

  /** Loads the colleagues. */
  async load() {
    this.colleagues = await api('/api/v1/operators');
    this.canTransfer = true;
    for (const colleague of this.colleagues) this.names.set(colleague.operatorId, colleague.displayName);
  }

  /** Learns names from the history: a "live chat started" event carries the operator's id and name. */
  learnFrom(messages) {
    for (const message of messages ?? []) {
      const content = message.content;
      if (content?.type === 'event' && content.event === 'LiveChatStarted' && content.operatorId && content.detail) {
        this.names.set(content.operatorId, content.detail);
      }
    }
  }

  /** True when the conversation is in live chat with the signed-in operator. */
  isMine(item) {
    return item?.status === 'LiveChat' && item.assignedOperatorId === this.me.operatorId;
  }

  /**
   * The row with its operator's name. Rows from the live feed and from actions carry no name, so it is kept from the
   * previous row of the same operator or looked up among the names known.
   */
  named(item, previous) {
    if (item.operatorName) {
      if (item.assignedOperatorId) this.names.set(item.assignedOperatorId, item.operatorName);
      return item;
    }
    if (!item.assignedOperatorId || item.status !== 'LiveChat') return item;
    const name = (previous?.assignedOperatorId === item.assignedOperatorId && previous.operatorName)
      || this.names.get(item.assignedOperatorId);
    return name ? { ...item, operatorName: name } : item;
  }
}
