using Conversations.Abstractions.Channels;

namespace Conversations.Abstractions.Outbound;

/// <summary>What became of a <see cref="BusinessMessage"/>: the stored message, where it goes and the channel rule that allowed it.</summary>
/// <param name="MessageId">The stored message (its delivery status: <c>GET /api/v1/messages/{id}</c>).</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="ConversationId">The conversation it was added to (opened for it when the customer had none).</param>
/// <param name="Channel">The channel chosen.</param>
/// <param name="Rule">The channel rule that allowed it (see <see cref="OutboundRuleNames"/>).</param>
/// <param name="Duplicate">True when the idempotency key had been used: nothing new was sent.</param>
[GenerateSerializer, Immutable, Alias("conv.BusinessMessageResult")]
public sealed record BusinessMessageResult(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] Guid CustomerId,
    [property: Id(2)] Guid ConversationId,
    [property: Id(3)] ChannelKind? Channel,
    [property: Id(4)] string Rule,
    [property: Id(5)] bool Duplicate);
