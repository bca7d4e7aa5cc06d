using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Outbox;

/// <summary>An outbound message to deliver, committed together with the message itself.</summary>
/// <param name="MessageId">Our id of the message: the idempotency key of its delivery.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="To">Where it goes.</param>
/// <param name="Content">What it says.</param>
/// <param name="CreatedAt">When it was committed.</param>
/// <param name="Author">Who wrote it: the bot, an operator, or the system (notifications to the business).</param>
/// <param name="OperatorId">The operator who wrote it, for operator messages (e-mail signs with their name).</param>
/// <param name="MessageTag">
/// The channel's message tag it must be sent under, chosen by the conversation when the standard window has passed
/// (Messenger's and Instagram's <c>HUMAN_AGENT</c> for an operator's reply after 24 hours); null for none.
/// </param>
public sealed record OutboxItem(
    Guid MessageId, Guid TenantId, Guid ConversationId, ChannelAddress To, MessageContent Content, DateTimeOffset CreatedAt,
    MessageDirection Author = MessageDirection.Bot, Guid? OperatorId = null, string? MessageTag = null);
