using Conversations.Persistence.Media;
using Conversations.Persistence.Outbox;

namespace Conversations.Persistence.Conversations;

/// <summary>
/// Everything one conversation grain turn writes, committed atomically: the conversation row (its version
/// one above the stored one), new messages, edits, outbound messages to deliver, and customers' files to fetch. Many commits from many
/// grains share one database transaction (group commit).
/// </summary>
public sealed record ConversationCommit(
    ConversationRecord Conversation,
    IReadOnlyList<MessageRecord> Messages,
    IReadOnlyList<MessageEdit> Edits,
    IReadOnlyList<OutboxItem>? Outbox = null,
    IReadOnlyList<MediaFetch>? MediaFetches = null)
{
    /// <summary>Outbound messages to deliver (never null).</summary>
    public IReadOnlyList<OutboxItem> OutboxItems => Outbox ?? [];

    /// <summary>Customers' files to fetch from their channels (never null).</summary>
    public IReadOnlyList<MediaFetch> Fetches => MediaFetches ?? [];

    /// <summary>A commit that only updates the conversation row.</summary>
    public static ConversationCommit Of(ConversationRecord conversation) => new(conversation, [], []);
}
