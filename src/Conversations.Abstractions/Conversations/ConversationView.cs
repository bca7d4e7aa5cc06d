using Conversations.Channels;

namespace Conversations.Conversations;

/// <summary>A conversation as operators and the API see it.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Status">Life-cycle status.</param>
/// <param name="AssignedOperatorId">The operator in live chat, if any.</param>
/// <param name="OpenedAt">When the first message arrived.</param>
/// <param name="ClosedAt">When it was closed.</param>
/// <param name="LastSeq">Sequence number of the newest message.</param>
/// <param name="LastCustomerMessageAt">The customer's last message per channel (drives the messaging windows).</param>
/// <param name="LastChannel">The channel the customer wrote from last (replies go there).</param>
[GenerateSerializer, Immutable, Alias("conv.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] Guid ConversationId,
    [property: Id(2)] Guid CustomerId,
    [property: Id(3)] ConversationStatus Status,
    [property: Id(4)] Guid? AssignedOperatorId,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] DateTimeOffset? ClosedAt,
    [property: Id(7)] long LastSeq,
    [property: Id(8)] IReadOnlyDictionary<ChannelKind, DateTimeOffset> LastCustomerMessageAt,
    [property: Id(9)] ChannelAddress? LastChannel);
