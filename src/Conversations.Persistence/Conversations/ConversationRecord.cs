using Conversations.Channels;
using Conversations.Conversations;

namespace Conversations.Persistence.Conversations;

/// <summary>
/// The stored row of a conversation: the columns the inbox and search query, plus the grain's own
/// details as opaque JSON. Written only by its conversation grain, in the same transaction as its messages.
/// </summary>
public sealed record ConversationRecord(
    Guid TenantId,
    Guid ConversationId,
    Guid CustomerId,
    ConversationStatus Status,
    Guid? AssignedOperatorId,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    long LastSeq,
    DateTimeOffset? LastCustomerMessageAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? WaitingSince,
    ChannelKind? LastChannel,
    string CustomerDisplayName,
    string LastMessagePreview,
    string StateJson,
    long Version);
