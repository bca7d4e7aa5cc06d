namespace Conversations.Persistence.EventsOut;

/// <summary>An event ready to be queued for every subscription that hears its type.</summary>
/// <param name="Type">The event type, e.g. <c>message.created</c>.</param>
/// <param name="EventId">Stable id of the event (the same on every delivery and redelivery), for receivers to drop repeats.</param>
/// <param name="OrderKey">Deliveries with the same key reach a subscription in order (a conversation, a customer).</param>
/// <param name="At">When it happened.</param>
/// <param name="Payload">The JSON body as sent (signed as is).</param>
public sealed record WebhookEvent(string Type, string EventId, string OrderKey, DateTimeOffset At, string Payload);
