using Conversations.Api.Contracts.Channels;

namespace Conversations.Api.Contracts.Outbound;

/// <summary>A message the business scheduled (<c>POST /api/v1/messages</c> with <c>sendAt</c>; <c>GET</c>/<c>DELETE /api/v1/messages/scheduled/{id}</c>).</summary>
/// <param name="Id">The scheduled message.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="SendAt">When it goes (UTC): the time asked for, moved to the next working hour when <c>withinWorkingHours</c> was asked.</param>
/// <param name="Status">Scheduled, Sending, Sent, Refused (a channel rule or an opt-out at its time: see rule), Cancelled or Failed.</param>
/// <param name="Rule">The channel rule that allowed it (sent) or refused it (refused), as in a 422's <c>rule</c>.</param>
/// <param name="Detail">Why it was refused or failed.</param>
/// <param name="MessageId">The message sent (its delivery: <c>GET /api/v1/messages/{messageId}</c>).</param>
/// <param name="Topic">Its subscription topic, if any.</param>
/// <param name="Channels">The channels it tries in order (none: the customer's last).</param>
/// <param name="CreatedAt">When it was scheduled.</param>
/// <param name="Duplicate">True when the idempotency key had scheduled it already: nothing new was scheduled.</param>
public sealed record ScheduledBusinessMessage(
    Guid Id,
    Guid CustomerId,
    DateTimeOffset SendAt,
    string Status,
    string? Rule,
    string? Detail,
    Guid? MessageId,
    string? Topic,
    IReadOnlyList<ChannelKind> Channels,
    DateTimeOffset CreatedAt,
    bool Duplicate);
