namespace Conversations.Persistence.Subscriptions;

/// <summary>Customers' consents and opt-outs per subscription topic, as records with time and source. On PostgreSQL and in memory.</summary>
public interface ISubscriptionLedger
{
    /// <summary>Appends a record; one with a <see cref="SubscriptionRecord.SourceRef"/> already recorded for the tenant is skipped (false).</summary>
    Task<bool> AppendAsync(SubscriptionRecord record, CancellationToken cancellationToken = default);

    /// <summary>A customer's records, newest first.</summary>
    Task<IReadOnlyList<SubscriptionRecord>> ReadAsync(Guid tenantId, Guid customerId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the customer's latest record about <paramref name="topic"/> (or, for a <paramref name="marketing"/>
    /// topic, about every marketing topic) is an opt-out.
    /// </summary>
    Task<bool> IsOptedOutAsync(Guid tenantId, Guid customerId, string topic, bool marketing, CancellationToken cancellationToken = default);
}
