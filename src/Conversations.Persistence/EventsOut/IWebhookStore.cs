namespace Conversations.Persistence.EventsOut;

/// <summary>
/// Tenants' webhook subscriptions and the durable queue of deliveries to them (PostgreSQL, or memory in the embedded
/// mode). Events are queued from committed conversation history behind a per-conversation cursor, so queuing adds no
/// write to the acknowledgement path and a crash between reading and queuing queues nothing twice.
/// </summary>
public interface IWebhookStore
{
    /// <summary>Stores a new subscription.</summary>
    Task AddSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken = default);

    /// <summary>The tenant's subscriptions, oldest first.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription of the tenant and its deliveries; false when the tenant has no such subscription.</summary>
    Task<bool> RemoveSubscriptionAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="tenantIds"/> have at least one subscription.</summary>
    Task<IReadOnlySet<Guid>> SubscribedTenantsAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken = default);

    /// <summary>The conversation's cursor; null when the conversation is not stored.</summary>
    Task<WebhookCursor?> ReadCursorAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues <paramref name="events"/> for every subscription of the tenant that hears their type and existed when they
    /// happened, and moves the conversation's cursor from <paramref name="fromSeq"/> to <paramref name="toSeq"/>, in one
    /// transaction. False (nothing queued) when the cursor is no longer at <paramref name="fromSeq"/>: another silo queued them.
    /// </summary>
    Task<bool> EnqueueAsync(Guid tenantId, Guid conversationId, long fromSeq, long toSeq, IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Conversations of subscribed tenants active since <paramref name="since"/> whose cursor is behind (catch-up after a restart).</summary>
    Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> BehindSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries, each the oldest open one of its subscription and order key,
    /// for <paramref name="lease"/>: another claim skips them until the lease runs out.
    /// </summary>
    Task<IReadOnlyList<DueWebhookDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an attempt: delivered, or tried again at <paramref name="nextAttemptAt"/>, or (when both are false/null) given up.
    /// </summary>
    Task RecordAttemptAsync(Guid deliveryId, WebhookAttempt attempt, bool delivered, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>A subscription's deliveries, newest first, with their attempts; null when the tenant has no such subscription.</summary>
    Task<IReadOnlyList<WebhookDelivery>?> ListDeliveriesAsync(Guid tenantId, Guid subscriptionId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Queues a delivery of the tenant's subscription again, due at <paramref name="now"/>; false when there is no such delivery.</summary>
    Task<bool> RedeliverAsync(Guid tenantId, Guid subscriptionId, Guid deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
