using Conversations.Abstractions.Channels;

namespace Conversations.Abstractions.Messages;

/// <summary>One message of a conversation's history.</summary>
/// <param name="MessageId">Globally unique id (also the idempotency key of its delivery).</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Seq">Position in the conversation, 1, 2, 3... without gaps.</param>
/// <param name="Direction">Who wrote it.</param>
/// <param name="Content">What it carries.</param>
/// <param name="Channel">The channel it came from or goes to (null for events).</param>
/// <param name="ChannelMessageId">The channel's id of the message, once known.</param>
/// <param name="OperatorId">The operator who wrote it, for operator messages.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="EditedAt">When the customer last edited it.</param>
[GenerateSerializer, Immutable, Alias("conv.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] Guid ConversationId,
    [property: Id(2)] long Seq,
    [property: Id(3)] MessageDirection Direction,
    [property: Id(4)] MessageContent Content,
    [property: Id(5)] ChannelKind? Channel,
    [property: Id(6)] string? ChannelMessageId,
    [property: Id(7)] Guid? OperatorId,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? EditedAt = null);
