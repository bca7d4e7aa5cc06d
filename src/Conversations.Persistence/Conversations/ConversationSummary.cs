using Conversations.Abstractions.Channels;

namespace Conversations.Persistence.Conversations;

/// <summary>
/// What the inbox and the operator queue read of a conversation beyond its row's columns. Only the conversation's grain
/// reads its stored details (<see cref="ConversationRecord.StateJson"/>); everyone else reads this summary of them.
/// </summary>
/// <param name="OperatorName">The operator in live chat, by name.</param>
/// <param name="HandoffReason">Why an operator was asked for (while waiting).</param>
/// <param name="CallbackAt">When the customer asked to be called back.</param>
/// <param name="ReleaseAt">When live chat turns off by itself.</param>
/// <param name="LastCustomerMessageAt">The customer's last message per channel: the start of each messaging window.</param>
/// <param name="WindowClosedAt">When the platform closed a channel's window early (WhatsApp 131047).</param>
/// <param name="Labels">The operators' labels.</param>
/// <param name="Group">The group of operators a waiting chat was transferred to.</param>
public sealed record ConversationSummary(
    string? OperatorName,
    string? HandoffReason,
    DateTimeOffset? CallbackAt,
    DateTimeOffset? ReleaseAt,
    IReadOnlyDictionary<ChannelKind, DateTimeOffset> LastCustomerMessageAt,
    IReadOnlyDictionary<ChannelKind, DateTimeOffset>? WindowClosedAt = null,
    IReadOnlyList<string>? Labels = null,
    string? Group = null)
{
    /// <summary>The summary of a stored conversation.</summary>
    public static ConversationSummary Of(ConversationRecord record)
    {
        var details = ConversationDetails.FromJson(record.StateJson);
        return new ConversationSummary(details.OperatorName, details.HandoffReason, details.CallbackAt, details.ReleaseAt, details.LastCustomerMessageAt, details.WindowClosedAt,
            details.Labels, details.Group);
    }
}
