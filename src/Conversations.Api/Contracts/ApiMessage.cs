using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Api.Contracts;

/// <summary>A message as the operator API shows it; outbound messages carry their delivery status.</summary>
public sealed record ApiMessage(
    Guid MessageId,
    Guid ConversationId,
    long Seq,
    MessageDirection Direction,
    MessageContent Content,
    ChannelKind? Channel,
    Guid? OperatorId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DeliveryInfo? Delivery)
{
    /// <summary>The API form of <paramref name="message"/>.</summary>
    public static ApiMessage From(ChatMessage message, DeliveryInfo? delivery = null) => new(
        message.MessageId, message.ConversationId, message.Seq, message.Direction, message.Content, message.Channel, message.OperatorId,
        message.CreatedAt, message.EditedAt, delivery);
}
