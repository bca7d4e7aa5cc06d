using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.EventsOut;
using Conversations.Persistence.Reports;

namespace Conversations.Persistence.Postgres;

/// <summary>
/// Conversations and messages on PostgreSQL: commits go through the <see cref="GroupCommitWriter"/> (many grains'
/// commits in one transaction), reads straight to the database through <see cref="ConversationReads"/>.
/// </summary>
public sealed class PostgresConversationStore(GroupCommitWriter writer, ConversationReads reads, ReportChanges? reportChanges = null,
    WebhookChanges? webhookChanges = null) : IConversationStore
{
    /// <inheritdoc />
    public async Task CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(commit);
        if (commit.Messages.Count > 0)
        {
            // Only marks the conversation for the report aggregator and the webhook feed, which read the committed rows later.
            reportChanges?.Changed(commit.Conversation.TenantId, commit.Conversation.ConversationId);
            webhookChanges?.Changed(commit.Conversation.TenantId, commit.Conversation.ConversationId);
        }
    }

    /// <inheritdoc />
    public Task<ConversationLoad?> LoadAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken = default) =>
        reads.LoadAsync(tenantId, conversationId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ChatMessage>> ReadMessagesAsync(Guid tenantId, Guid conversationId, HistoryQuery query, CancellationToken cancellationToken = default) =>
        reads.ReadMessagesAsync(tenantId, conversationId, query, cancellationToken);

    /// <inheritdoc />
    public Task<DedupEntry?> FindByDedupKeyAsync(Guid tenantId, string dedupKey, CancellationToken cancellationToken = default) =>
        reads.FindByDedupKeyAsync(tenantId, dedupKey, cancellationToken);

    /// <inheritdoc />
    public Task<ChatMessage?> FindByChannelMessageIdAsync(Guid tenantId, Guid conversationId, ChannelKind channel, string channelMessageId, CancellationToken cancellationToken = default) =>
        reads.FindByChannelMessageIdAsync(tenantId, conversationId, channel, channelMessageId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MessageContent>> ReadRevisionsAsync(Guid tenantId, Guid conversationId, long seq, CancellationToken cancellationToken = default) =>
        reads.ReadRevisionsAsync(tenantId, conversationId, seq, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> FindPendingBotTurnsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        reads.FindPendingBotTurnsAsync(since, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationRecord>> ListByStatusAsync(Guid tenantId, ConversationStatus status, Guid? assignedOperatorId, int limit, CancellationToken cancellationToken = default) =>
        reads.ListByStatusAsync(tenantId, status, assignedOperatorId, limit, cancellationToken);
}
