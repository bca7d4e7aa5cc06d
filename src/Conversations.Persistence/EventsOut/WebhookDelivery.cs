namespace Conversations.Persistence.EventsOut;

/// <summary>One event for one subscription, as the delivery log shows it.</summary>
/// <param name="Id">The delivery's id (the <c>X-Conversations-Delivery</c> header).</param>
/// <param name="SubscriptionId">To whom.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Payload">The body sent.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="Status">Pending, delivered or failed.</param>
/// <param name="NextAttemptAt">When a pending delivery is tried next.</param>
/// <param name="Attempts">Every attempt, oldest first.</param>
public sealed record WebhookDelivery(
    Guid Id,
    Guid SubscriptionId,
    string EventId,
    string EventType,
    string Payload,
    DateTimeOffset CreatedAt,
    WebhookDeliveryStatus Status,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<WebhookAttempt> Attempts);
