using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Messages;

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
    DeliveryInfo? Delivery);
