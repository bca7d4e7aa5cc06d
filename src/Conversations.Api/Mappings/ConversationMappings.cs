using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Operators;
using Conversations.Persistence.Conversations;

namespace Conversations.Api.Mappings;

/// <summary>Conversations as the operator API shows them: inbox rows with their countdowns, windows, queue entries.</summary>
public static class ConversationMappings
{
    /// <summary>The inbox row of a stored conversation at <paramref name="now"/>.</summary>
    public static Contracts.Conversations.InboxItem ToInboxItem(this ConversationRecord record, DateTimeOffset now)
    {
        var summary = ConversationSummary.Of(record);
        var live = record.Status == ConversationStatus.LiveChat;
        var window = record.LastChannel is { } channel && summary.LastCustomerMessageAt.TryGetValue(channel, out var last)
            ? MessagingWindow.For(channel, last, summary.WindowClosedAt is { } early && early.TryGetValue(channel, out var closed) ? closed : null).HumanClosesAt
            : null;
        var releaseAt = live ? summary.ReleaseAt : null;
        return new(record.ConversationId, record.CustomerId, record.CustomerDisplayName, (Contracts.Conversations.ConversationStatus)record.Status,
            record.Status == ConversationStatus.WaitingForOperator, record.AssignedOperatorId, live ? summary.OperatorName : null,
            (Contracts.Channels.ChannelKind?)record.LastChannel, record.LastMessagePreview, record.LastSeq, record.LastActivityAt, record.LastCustomerMessageAt,
            record.WaitingSince, summary.HandoffReason, summary.CallbackAt,
            window, SecondsLeft(window, now), releaseAt, SecondsLeft(releaseAt, now), summary.Labels);
    }

    /// <summary>The inbox row of a conversation view (from a grain or the event stream) at <paramref name="now"/>, without the operator's name.</summary>
    public static Contracts.Conversations.InboxItem ToInboxItem(this ConversationView view, DateTimeOffset now)
    {
        var live = view.Status == ConversationStatus.LiveChat;
        var window = view.LastChannel is { } to ? view.Windows?.FirstOrDefault(w => w.Channel == to.Kind)?.HumanClosesAt : null;
        return new(view.ConversationId, view.CustomerId, view.CustomerDisplayName, (Contracts.Conversations.ConversationStatus)view.Status,
            view.Status == ConversationStatus.WaitingForOperator, view.AssignedOperatorId, null, (Contracts.Channels.ChannelKind?)view.LastChannel?.Kind,
            view.LastMessagePreview, view.LastSeq, view.LastActivityAt,
            view.LastCustomerMessageAt.Count == 0 ? null : view.LastCustomerMessageAt.Values.Max(),
            view.WaitingSince, view.HandoffReason, view.CallbackAt, window, SecondsLeft(window, now),
            live ? view.AutoReleaseAt : null, SecondsLeft(live ? view.AutoReleaseAt : null, now), view.Labels);
    }

    /// <summary>The API form of a messaging window.</summary>
    public static Contracts.Conversations.MessagingWindow ToContract(this MessagingWindow window) => new(
        (Contracts.Channels.ChannelKind)window.Channel, window.LastCustomerMessageAt, window.BotClosesAt, window.HumanClosesAt, window.Rule);

    /// <summary>The API form of a customer waiting in the queue.</summary>
    public static Contracts.Conversations.QueueEntry ToContract(this QueueEntry entry) => new(
        entry.ConversationId, entry.CustomerId, entry.CustomerDisplayName, entry.WaitingSince, entry.Reason,
        (Contracts.Channels.ChannelKind?)entry.Channel, entry.CallbackAt, entry.Group);

    private static double? SecondsLeft(DateTimeOffset? at, DateTimeOffset now) =>
        at is { } value ? Math.Max(0, Math.Round((value - now).TotalSeconds)) : null;
}
