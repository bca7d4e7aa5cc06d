using Conversations.Persistence.Conversations;
using Conversations.Persistence.Media;
using Conversations.Persistence.Outbox;

namespace Conversations.Grains.Conversations;

/// <summary>One grain turn's change, built on copies and applied to memory only after it committed.</summary>
internal sealed record ConversationChange(
    ConversationRecord Record,
    ConversationDetails Details,
    IReadOnlyList<MessageRecord> Messages,
    IReadOnlyList<MessageEdit> Edits,
    IReadOnlyList<OutboxItem> Outbox,
    IReadOnlyList<MediaFetch> MediaFetches);
