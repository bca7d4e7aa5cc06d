using Conversations.Abstractions.Channels;

namespace Conversations.Abstractions.Conversations;

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
/// <param name="CustomerDisplayName">The customer's name.</param>
/// <param name="LastMessagePreview">The start of the newest message.</param>
/// <param name="LastActivityAt">When the conversation last changed.</param>
/// <param name="WaitingSince">When the customer started waiting for an operator (flagged while set).</param>
/// <param name="HandoffReason">Why an operator was asked for.</param>
/// <param name="AutoReleaseAt">When live chat turns off by itself (countdown from the operator's last message).</param>
/// <param name="IdleCloseAt">When the conversation closes because the customer stays silent.</param>
/// <param name="Windows">The messaging window of each channel the customer used.</param>
/// <param name="CallbackAt">When the customer asked to be called back, if they did.</param>
/// <param name="Labels">The operators' labels on the conversation (see <see cref="ConversationLabels"/>).</param>
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
    [property: Id(9)] ChannelAddress? LastChannel,
    [property: Id(10)] string CustomerDisplayName = "",
    [property: Id(11)] string LastMessagePreview = "",
    [property: Id(12)] DateTimeOffset LastActivityAt = default,
    [property: Id(13)] DateTimeOffset? WaitingSince = null,
    [property: Id(14)] string? HandoffReason = null,
    [property: Id(15)] DateTimeOffset? AutoReleaseAt = null,
    [property: Id(16)] DateTimeOffset? IdleCloseAt = null,
    [property: Id(17)] IReadOnlyList<MessagingWindow>? Windows = null,
    [property: Id(18)] DateTimeOffset? CallbackAt = null,
    [property: Id(19)] IReadOnlyList<string>? Labels = null);
