namespace Conversations.Persistence.EventsOut;

/// <summary>One endpoint of a tenant that hears some event types.</summary>
/// <param name="TenantId">Whose.</param>
/// <param name="Id">The subscription's id.</param>
/// <param name="Url">Where deliveries are POSTed (HTTPS, checked by the outbound URL policy).</param>
/// <param name="Secret">Signs every delivery; never logged, shown to the admin once.</param>
/// <param name="Events">The event types it hears (names of <c>WebhookEventTypes</c>).</param>
/// <param name="CreatedAt">When; only events from then on are delivered to it.</param>
public sealed record WebhookSubscription(Guid TenantId, Guid Id, string Url, string Secret, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);
