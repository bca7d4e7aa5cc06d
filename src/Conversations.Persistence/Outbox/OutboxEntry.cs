using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Outbox;

/// <summary>A claimed outbox row: the item plus its delivery bookkeeping.</summary>
/// <param name="Id">Row id (ordering within a chat).</param>
/// <param name="MessageId">Idempotency key of the delivery.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="To">Where it goes.</param>
/// <param name="Content">What it says.</param>
/// <param name="Attempts">Send attempts already made.</param>
/// <param name="LeaseExpired">True when an earlier claim ran out before it was marked: it may have been delivered already.</param>
/// <param name="CreatedAt">When it was committed.</param>
/// <param name="Author">Who wrote it (<see cref="OutboxItem.Author"/>).</param>
/// <param name="OperatorId">The operator who wrote it, for operator messages.</param>
/// <param name="MessageTag">The channel's message tag to send it under (<see cref="OutboxItem.MessageTag"/>), or null.</param>
/// <param name="LeaseUntil">Until when this silo holds it (set on rows pushed by <see cref="OutboxPush"/>).</param>
public sealed record OutboxEntry(
    long Id, Guid MessageId, Guid TenantId, Guid ConversationId, ChannelAddress To, MessageContent Content,
    int Attempts, bool LeaseExpired, DateTimeOffset CreatedAt,
    MessageDirection Author = MessageDirection.Bot, Guid? OperatorId = null, string? MessageTag = null, DateTimeOffset? LeaseUntil = null);
