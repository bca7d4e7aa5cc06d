using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>One row of an operator's inbox, with its countdowns computed at the time of the answer.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="CustomerName">The customer's name.</param>
/// <param name="Status">Bot, WaitingForOperator, LiveChat or Closed.</param>
/// <param name="Flagged">True while the customer waits for an operator.</param>
/// <param name="AssignedOperatorId">The operator in live chat.</param>
/// <param name="OperatorName">Their name.</param>
/// <param name="Channel">The channel the customer wrote from last.</param>
/// <param name="LastMessagePreview">The start of the newest message.</param>
/// <param name="LastSeq">Sequence number of the newest message (compare with what you have to catch up).</param>
/// <param name="LastActivityAt">When the conversation last changed.</param>
/// <param name="LastCustomerMessageAt">The customer's last message.</param>
/// <param name="WaitingSince">When the customer started waiting.</param>
/// <param name="HandoffReason">Why an operator was asked for.</param>
/// <param name="CallbackAt">When the customer wants a call back.</param>
/// <param name="WindowClosesAt">When the channel's messaging window for operators closes (null: no limit).</param>
/// <param name="WindowSecondsLeft">Seconds until then (0 when closed).</param>
/// <param name="AutoReleaseAt">When live chat turns off by itself.</param>
/// <param name="AutoReleaseSecondsLeft">Seconds until then.</param>
/// <param name="Labels">The operators' labels on the conversation (lower case).</param>
public sealed record InboxItem(
    Guid ConversationId,
    Guid CustomerId,
    string CustomerName,
    ConversationStatus Status,
    bool Flagged,
    Guid? AssignedOperatorId,
    string? OperatorName,
    ChannelKind? Channel,
    string LastMessagePreview,
    long LastSeq,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? LastCustomerMessageAt,
    DateTimeOffset? WaitingSince,
    string? HandoffReason,
    DateTimeOffset? CallbackAt,
    DateTimeOffset? WindowClosesAt,
    double? WindowSecondsLeft,
    DateTimeOffset? AutoReleaseAt,
    double? AutoReleaseSecondsLeft,
    IReadOnlyList<string>? Labels = null);
