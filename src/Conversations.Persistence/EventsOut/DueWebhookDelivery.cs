namespace Conversations.Persistence.EventsOut;

/// <summary>A delivery claimed for an attempt, with what the dispatcher needs to send it.</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="TenantId">Whose.</param>
/// <param name="Url">The subscription's endpoint.</param>
/// <param name="Secret">The subscription's signing secret.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Payload">The body to sign and send.</param>
/// <param name="Attempts">Attempts made before this one.</param>
public sealed record DueWebhookDelivery(Guid Id, Guid TenantId, string Url, string Secret, string EventType, string Payload, int Attempts);
