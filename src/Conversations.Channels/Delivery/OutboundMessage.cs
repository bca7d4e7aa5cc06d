using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Delivery;

/// <summary>
/// One message to deliver, as a channel's sender sees it: who, where, what, and whether an earlier attempt may have
/// reached the customer already. Channel-neutral, so senders do not depend on how the outbox stores it.
/// </summary>
/// <param name="MessageId">Our id of the message: the idempotency key where the platform takes one.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="To">Where it goes.</param>
/// <param name="Content">What it says.</param>
/// <param name="Attempt">Which attempt this is (1 for the first).</param>
/// <param name="MayHaveBeenSent">True when an earlier attempt ran out of time unanswered: it may have been delivered.</param>
/// <param name="Author">Who wrote it: the bot, an operator, or the system.</param>
/// <param name="OperatorId">The operator who wrote it, for operator messages.</param>
/// <param name="MessageTag">The channel's message tag to send it under (Messenger's <c>HUMAN_AGENT</c>), or null.</param>
public sealed record OutboundMessage(
    Guid MessageId, Guid TenantId, Guid ConversationId, ChannelAddress To, MessageContent Content, int Attempt, bool MayHaveBeenSent,
    MessageDirection Author = MessageDirection.Bot, Guid? OperatorId = null, string? MessageTag = null);
