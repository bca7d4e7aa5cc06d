using System.Text.Json;

namespace Conversations.Api.Contracts.EventsOut;

/// <summary>One event for one subscription, as the delivery log shows it.</summary>
/// <param name="Id">The delivery (the <c>X-Conversations-Delivery</c> header, without dashes).</param>
/// <param name="EventId">The event's id (the payload's <c>id</c>; the same on every attempt and redelivery).</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Status"><c>pending</c> (waiting for its next attempt), <c>delivered</c> (2xx) or <c>failed</c> (attempts used up; redeliver to try again).</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="NextAttemptAt">When a pending delivery is tried next.</param>
/// <param name="Attempts">Every attempt, oldest first.</param>
/// <param name="Payload">The body sent.</param>
public sealed record WebhookDeliveryInfo(
    Guid Id,
    string EventId,
    string EventType,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<WebhookAttemptInfo> Attempts,
    JsonElement Payload);
