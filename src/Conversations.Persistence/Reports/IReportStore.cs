namespace Conversations.Persistence.Reports;

/// <summary>
/// The report rollups: hourly UTC buckets per tenant, channel, operator and entry point, kept as the sum of their
/// conversations' figures, and beside them the same figures per local day of the tenant's day zone (kept in the same
/// batches). Implemented on PostgreSQL and in memory (embedded mode).
/// </summary>
public interface IReportStore
{
    /// <summary>
    /// Puts each conversation's figures in place of the ones counted before (taken out of their old bucket, added to the
    /// new one), atomically for the batch; figures older (by <see cref="ConversationFacts.LastSeq"/>) than the stored ones are skipped.
    /// </summary>
    Task ApplyAsync(IReadOnlyList<ConversationFacts> facts, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's buckets of the UTC hours in [<paramref name="fromHour"/>, <paramref name="toHour"/>), optionally of one
    /// channel and one operator.
    /// </summary>
    Task<IReadOnlyList<ReportRollup>> ReadAsync(Guid tenantId, DateTimeOffset fromHour, DateTimeOffset toHour, short? channel, Guid? operatorId,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's daily rollups of the local days [<paramref name="fromDay"/>, <paramref name="toDay"/>) of
    /// <paramref name="zone"/>, each standing at its day's first hour (<see cref="ReportDays.FirstHour"/>); null when the
    /// tenant's days are not kept in that zone (read hours instead).
    /// </summary>
    Task<IReadOnlyList<ReportRollup>?> ReadDaysAsync(Guid tenantId, TimeZoneInfo zone, DateOnly fromDay, DateOnly toDay, short? channel, Guid? operatorId,
        CancellationToken cancellationToken = default);

    /// <summary>Cuts the tenant's days in <paramref name="zone"/> from then on, rebuilding them from its hourly rollups (no history is read).</summary>
    Task RebuildDaysAsync(Guid tenantId, TimeZoneInfo zone, CancellationToken cancellationToken = default);

    /// <summary>Forgets every figure of the tenant (before a recompute).</summary>
    Task ClearAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's conversation ids after <paramref name="after"/>, in id order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Guid>> ConversationIdsAsync(Guid tenantId, Guid after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Conversations with activity since <paramref name="since"/> (any tenant), for the aggregator's catch-up after a restart.</summary>
    Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> ActiveSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
