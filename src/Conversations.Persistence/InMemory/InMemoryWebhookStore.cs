using Conversations.Persistence.Conversations;
using Conversations.Persistence.EventsOut;

namespace Conversations.Persistence.InMemory;

/// <summary>The embedded mode's <see cref="IWebhookStore"/>: the same rules as PostgreSQL, in process memory.</summary>
public sealed class InMemoryWebhookStore(IConversationStore conversations) : IWebhookStore
{
    private readonly Lock _gate = new();
    private readonly List<WebhookSubscription> _subscriptions = [];
    private readonly Dictionary<(Guid Tenant, Guid Conversation), long> _cursors = [];
    private readonly List<Row> _deliveries = []; // in queue order (position = index)

    /// <inheritdoc />
    public Task AddSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WebhookSubscription>>([.. _subscriptions.Where(s => s.TenantId == tenantId)]);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveSubscriptionAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _deliveries.RemoveAll(d => d.Subscription.TenantId == tenantId && d.Subscription.Id == subscriptionId);
            return Task.FromResult(_subscriptions.RemoveAll(s => s.TenantId == tenantId && s.Id == subscriptionId) > 0);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlySet<Guid>> SubscribedTenantsAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlySet<Guid>>(_subscriptions.Select(s => s.TenantId).Where(tenantIds.Contains).ToHashSet());
        }
    }

    /// <inheritdoc />
    public async Task<WebhookCursor?> ReadCursorAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        var load = await conversations.LoadAsync(tenantId, conversationId, cancellationToken);
        lock (_gate)
        {
            return load is null ? null : new WebhookCursor(load.Conversation.CustomerId, _cursors.GetValueOrDefault((tenantId, conversationId)), load.Conversation.LastSeq);
        }
    }

    /// <inheritdoc />
    public Task<bool> EnqueueAsync(Guid tenantId, Guid conversationId, long fromSeq, long toSeq, IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_cursors.GetValueOrDefault((tenantId, conversationId)) != fromSeq)
            {
                return Task.FromResult(false);
            }

            _cursors[(tenantId, conversationId)] = toSeq;
            foreach (var e in events)
            {
                foreach (var s in _subscriptions.Where(s => s.TenantId == tenantId && s.Events.Contains(e.Type) && s.CreatedAt <= e.At).OrderBy(s => s.Id))
                {
                    _deliveries.Add(new Row(Guid.NewGuid(), s, e) { NextAttemptAt = e.At });
                }
            }

            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> BehindSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<(Guid, Guid)>>([]); // nothing survives a restart in memory

    /// <inheritdoc />
    public Task<IReadOnlyList<DueWebhookDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var claimed = new List<DueWebhookDelivery>();
            var seen = new HashSet<(Guid, string)>();
            foreach (var row in _deliveries.Where(r => r.NextAttemptAt is not null).OrderBy(r => r.NextAttemptAt).ThenBy(_deliveries.IndexOf))
            {
                if (claimed.Count == limit)
                {
                    break;
                }

                var first = _deliveries.First(r => r.NextAttemptAt is not null && r.Subscription.Id == row.Subscription.Id && r.Event.OrderKey == row.Event.OrderKey);
                if (first == row && row.NextAttemptAt <= now && seen.Add((row.Subscription.Id, row.Event.OrderKey)))
                {
                    row.NextAttemptAt = now + lease;
                    claimed.Add(new DueWebhookDelivery(row.Id, row.Subscription.TenantId, row.Subscription.Url, row.Subscription.Secret, row.Event.Type,
                        row.Event.Payload, row.Attempts.Count));
                }
            }

            return Task.FromResult<IReadOnlyList<DueWebhookDelivery>>(claimed);
        }
    }

    /// <inheritdoc />
    public Task RecordAttemptAsync(Guid deliveryId, WebhookAttempt attempt, bool delivered, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_deliveries.Find(r => r.Id == deliveryId) is { } row)
            {
                row.Attempts.Add(attempt);
                row.Delivered = delivered;
                row.NextAttemptAt = nextAttemptAt;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDelivery>?> ListDeliveriesAsync(Guid tenantId, Guid subscriptionId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_subscriptions.Exists(s => s.TenantId == tenantId && s.Id == subscriptionId))
            {
                return Task.FromResult<IReadOnlyList<WebhookDelivery>?>(null);
            }

            return Task.FromResult<IReadOnlyList<WebhookDelivery>?>([.. _deliveries.Where(r => r.Subscription.Id == subscriptionId).Reverse().Take(limit)
                .Select(r => new WebhookDelivery(r.Id, subscriptionId, r.Event.EventId, r.Event.Type, r.Event.Payload, r.Event.At,
                    r.Delivered ? WebhookDeliveryStatus.Delivered : r.NextAttemptAt is null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending,
                    r.NextAttemptAt, [.. r.Attempts]))]);
        }
    }

    /// <inheritdoc />
    public Task<bool> RedeliverAsync(Guid tenantId, Guid subscriptionId, Guid deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_deliveries.Find(r => r.Id == deliveryId && r.Subscription.Id == subscriptionId && r.Subscription.TenantId == tenantId) is not { } row)
            {
                return Task.FromResult(false);
            }

            row.Delivered = false;
            row.NextAttemptAt = now;
            return Task.FromResult(true);
        }
    }

    private sealed record Row(Guid Id, WebhookSubscription Subscription, WebhookEvent Event)
    {
        public DateTimeOffset? NextAttemptAt { get; set; }

        public bool Delivered { get; set; }

        public List<WebhookAttempt> Attempts { get; } = [];
    }
}
