using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Persistence.Conversations;

namespace Conversations.Api.Contracts;

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
    double? AutoReleaseSecondsLeft)
{
    /// <summary>The row of a stored conversation at <paramref name="now"/>.</summary>
    public static InboxItem From(ConversationRecord record, DateTimeOffset now)
    {
        var details = ConversationDetails.FromJson(record.StateJson);
        var live = record.Status == ConversationStatus.LiveChat;
        var window = record.LastChannel is { } channel && details.LastCustomerMessageAt.TryGetValue(channel, out var last)
            ? MessagingWindow.For(channel, last).HumanClosesAt
            : null;
        var releaseAt = live ? details.ReleaseAt : null;
        return new InboxItem(record.ConversationId, record.CustomerId, record.CustomerDisplayName, record.Status,
            record.Status == ConversationStatus.WaitingForOperator, record.AssignedOperatorId, live ? details.OperatorName : null,
            record.LastChannel, record.LastMessagePreview, record.LastSeq, record.LastActivityAt, record.LastCustomerMessageAt,
            record.WaitingSince, details.HandoffReason, details.CallbackAt,
            window, SecondsLeft(window, now), releaseAt, SecondsLeft(releaseAt, now));
    }

    /// <summary>The row of a conversation view (from a grain or the event stream) at <paramref name="now"/>.</summary>
    public static InboxItem From(ConversationView view, DateTimeOffset now)
    {
        var live = view.Status == ConversationStatus.LiveChat;
        var window = view.LastChannel is { } to ? view.Windows?.FirstOrDefault(w => w.Channel == to.Kind)?.HumanClosesAt : null;
        return new InboxItem(view.ConversationId, view.CustomerId, view.CustomerDisplayName, view.Status,
            view.Status == ConversationStatus.WaitingForOperator, view.AssignedOperatorId, null, view.LastChannel?.Kind,
            view.LastMessagePreview, view.LastSeq, view.LastActivityAt,
            view.LastCustomerMessageAt.Count == 0 ? null : view.LastCustomerMessageAt.Values.Max(),
            view.WaitingSince, view.HandoffReason, view.CallbackAt, window, SecondsLeft(window, now),
            live ? view.AutoReleaseAt : null, SecondsLeft(live ? view.AutoReleaseAt : null, now));
    }

    private static double? SecondsLeft(DateTimeOffset? at, DateTimeOffset now) =>
        at is { } value ? Math.Max(0, Math.Round((value - now).TotalSeconds)) : null;
}
