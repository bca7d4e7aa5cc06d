using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;

namespace Conversations.Persistence.Conversations;

/// <summary>
/// The stored row of a conversation: the columns the inbox and search query, plus the grain's own
/// details as opaque JSON. Written only by its conversation grain, in the same transaction as its messages.
/// </summary>
/// <remarks>
/// <see cref="LastCustomerSeq"/> is the sequence number of the customer's latest message; <see cref="BotCursor"/> the
/// latest customer message the bot has handled (answered, or let pass during live chat).
/// </remarks>
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
    long Version,
    long LastCustomerSeq = 0,
    long BotCursor = 0)
{
    /// <summary>
    /// True when customer messages wait for a turn: the bot's (in bot status) or the waiting-room's (callback and
    /// leave-a-message buttons while waiting for an operator). In live chat the operator answers.
    /// </summary>
    public bool TurnPending => Status is ConversationStatus.Bot or ConversationStatus.WaitingForOperator && LastCustomerSeq > BotCursor;
}
