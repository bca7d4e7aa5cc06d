using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;

namespace Conversations.Persistence.Queries;

/// <summary>Which conversations an operator's inbox shows.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Statuses">Only these statuses (null: all but closed).</param>
/// <param name="AssignedOperatorId">Only chats of this operator.</param>
/// <param name="Unassigned">Only chats without an operator.</param>
/// <param name="Channel">Only customers who wrote last from this channel.</param>
/// <param name="ActiveSince">Only conversations with customer activity since then (null: any time).</param>
/// <param name="After">Continue after this position (from the previous page).</param>
/// <param name="Limit">Page size.</param>
/// <param name="Label">Only conversations with this label (normalized, see <c>ConversationLabels</c>).</param>
public sealed record InboxQuery(
    Guid TenantId,
    IReadOnlyList<ConversationStatus>? Statuses,
    Guid? AssignedOperatorId,
    bool Unassigned,
    ChannelKind? Channel,
    DateTimeOffset? ActiveSince,
    InboxCursor? After,
    int Limit,
    string? Label = null);
