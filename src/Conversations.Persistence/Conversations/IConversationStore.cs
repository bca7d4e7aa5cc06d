using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Conversations;

/// <summary>Conversation rows and message history. Implemented on PostgreSQL (durable) and in memory (embedded mode).</summary>
public interface IConversationStore
{
    /// <summary>
    /// Commits atomically; returns when durable. Throws <see cref="DuplicateMessageException"/> when a message's
    /// dedup key is already stored, <see cref="ConcurrencyConflictException"/> when the row's version moved on
    /// (another activation wrote it), <see cref="StoreUnavailableException"/> when the database cannot be reached.
    /// </summary>
    Task CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default);

    /// <summary>The conversation and its recent dedup keys, or null when it was never stored.</summary>
    Task<ConversationLoad?> LoadAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken = default);

    /// <summary>Messages with seq greater than <see cref="HistoryQuery.AfterSeq"/>, in order.</summary>
    Task<IReadOnlyList<ChatMessage>> ReadMessagesAsync(Guid tenantId, Guid conversationId, HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Where the tenant's message with this dedup key is stored, or null.</summary>
    Task<DedupEntry?> FindByDedupKeyAsync(Guid tenantId, string dedupKey, CancellationToken cancellationToken = default);

    /// <summary>The message a channel knows by <paramref name="channelMessageId"/> in a conversation, or null.</summary>
    Task<ChatMessage?> FindByChannelMessageIdAsync(Guid tenantId, Guid conversationId, ChannelKind channel, string channelMessageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Conversations active since <paramref name="since"/> in bot status whose latest customer message the bot has
    /// not handled (the silo died between storing it and answering); the sweeper wakes them.
    /// </summary>
    Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> FindPendingBotTurnsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default);

    /// <summary>The tenant's conversations with <paramref name="status"/> (optionally assigned to one operator), oldest activity first.</summary>
    Task<IReadOnlyList<ConversationRecord>> ListByStatusAsync(Guid tenantId, ConversationStatus status, Guid? assignedOperatorId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Earlier contents of an edited message, oldest first.</summary>
    Task<IReadOnlyList<MessageContent>> ReadRevisionsAsync(Guid tenantId, Guid conversationId, long seq, CancellationToken cancellationToken = default);
}
