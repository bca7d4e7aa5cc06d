using Conversations.Persistence.Subscriptions;

namespace Conversations.Persistence.InMemory;

/// <summary>The embedded mode's <see cref="ISubscriptionLedger"/>: the records in a list, oldest first.</summary>
public sealed class InMemorySubscriptionLedger : ISubscriptionLedger
{
    private readonly Lock _gate = new();
    private readonly List<SubscriptionRecord> _records = [];

    /// <inheritdoc />
    public Task<bool> AppendAsync(SubscriptionRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (record.SourceRef is { } reference && _records.Any(r => r.TenantId == record.TenantId && r.SourceRef == reference))
            {
                return Task.FromResult(false);
            }

            _records.Add(record);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SubscriptionRecord>> ReadAsync(Guid tenantId, Guid customerId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<SubscriptionRecord> found = [.. Enumerable.Reverse(_records).Where(r => r.TenantId == tenantId && r.CustomerId == customerId).Take(limit)];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<bool> IsOptedOutAsync(Guid tenantId, Guid customerId, string topic, bool marketing, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var latest = _records.LastOrDefault(r => r.TenantId == tenantId && r.CustomerId == customerId
                && (r.Topic == topic || (marketing && r.Topic == Abstractions.Subscriptions.SubscriptionTopic.AllMarketing)));
            return Task.FromResult(latest is { Subscribed: false });
        }
    }
}
