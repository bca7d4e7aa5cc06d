using Conversations.Abstractions.Channels;

namespace Conversations.Persistence.Scheduling;

/// <summary>A message the business starts, to be sent at a time (issue 19, item 3).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Id">Its id (the send's idempotency key is derived from it).</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="IdempotencyKey">The caller's key: scheduling the same key again answers this one.</param>
/// <param name="ContentJson">What to send (<c>MessageJson</c>).</param>
/// <param name="Channels">Channels to try in order; empty: the customer's last.</param>
/// <param name="MessageTag">A Messenger message tag, or null.</param>
/// <param name="Topic">A subscription topic's key, or null.</param>
/// <param name="SendAt">When the caller asked for (shifted into working hours when asked).</param>
/// <param name="DueAt">When a silo may claim it next: <see cref="SendAt"/>, then the end of a claim's lease.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Attempts">How many times a silo claimed it.</param>
/// <param name="Rule">The channel rule that allowed or refused it, once sent or refused.</param>
/// <param name="Detail">Why it was refused or failed.</param>
/// <param name="MessageId">The stored message, once sent.</param>
/// <param name="CreatedAt">When it was scheduled.</param>
public sealed record ScheduledMessage(
    Guid TenantId,
    Guid Id,
    Guid CustomerId,
    string IdempotencyKey,
    string ContentJson,
    IReadOnlyList<ChannelKind> Channels,
    string? MessageTag,
    string? Topic,
    DateTimeOffset SendAt,
    DateTimeOffset DueAt,
    ScheduledMessageStatus Status,
    int Attempts,
    string? Rule,
    string? Detail,
    Guid? MessageId,
    DateTimeOffset CreatedAt);
