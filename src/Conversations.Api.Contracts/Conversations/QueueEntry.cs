using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>A customer waiting for an operator.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="CustomerDisplayName">The customer's name.</param>
/// <param name="WaitingSince">When they started waiting (the queue's order).</param>
/// <param name="Reason">Why (asked for a human, bot gave up, survey...).</param>
/// <param name="Channel">Where they write from.</param>
/// <param name="CallbackAt">When they asked to be called back, for callback requests.</param>
/// <param name="Group">The group of operators the chat was transferred to (auto-assignment gives it only to its members).</param>
public sealed record QueueEntry(
    Guid ConversationId,
    Guid CustomerId,
    string CustomerDisplayName,
    DateTimeOffset WaitingSince,
    string Reason,
    ChannelKind? Channel,
    DateTimeOffset? CallbackAt = null,
    string? Group = null);
