using Conversations.Abstractions.Channels;

namespace Conversations.Abstractions.Operators;

/// <summary>A customer waiting for an operator.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="CustomerDisplayName">The customer's name.</param>
/// <param name="WaitingSince">When they started waiting (the queue's order).</param>
/// <param name="Reason">Why (asked for a human, bot gave up, survey...).</param>
/// <param name="Channel">Where they write from.</param>
/// <param name="CallbackAt">When they asked to be called back, for callback requests.</param>
/// <param name="Group">The group of operators the chat was transferred to (only its members are assigned it), or null.</param>
[GenerateSerializer, Immutable, Alias("conv.QueueEntry")]
public sealed record QueueEntry(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] Guid CustomerId,
    [property: Id(2)] string CustomerDisplayName,
    [property: Id(3)] DateTimeOffset WaitingSince,
    [property: Id(4)] string Reason,
    [property: Id(5)] ChannelKind? Channel,
    [property: Id(6)] DateTimeOffset? CallbackAt = null,
    [property: Id(7)] string? Group = null);
