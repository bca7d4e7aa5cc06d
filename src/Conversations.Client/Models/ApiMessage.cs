namespace Conversations.Client.Models;

/// <summary>A message of a conversation; outbound messages read from the history carry their delivery status.</summary>
/// <param name="MessageId">Globally unique id.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Seq">Position in the conversation: 1, 2, 3... without gaps.</param>
/// <param name="Direction">Who wrote it.</param>
/// <param name="Content">What it carries.</param>
/// <param name="Channel">The channel it came from or goes to (null for events).</param>
/// <param name="OperatorId">The operator who wrote it, for operator messages.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="EditedAt">When the customer last edited it.</param>
/// <param name="Delivery">Delivery status of an outbound message.</param>
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
