using Conversations.Persistence.Reports;

namespace Conversations.Persistence.InMemory;

/// <summary>The embedded mode's report rollups: the same arithmetic as PostgreSQL, in process memory.</summary>
public sealed class InMemoryReportStore(InMemoryConversationStore conversations) : IReportStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid Tenant, Guid Conversation), ConversationFacts> _facts = [];
    private readonly Dictionary<ReportBucketKey, long[]> _rollups = [];

    /// <inheritdoc />
    public Task ApplyAsync(IReadOnlyList<ConversationFacts> facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        lock (_gate)
        {
            foreach (var next in facts)
            {
                var key = (next.TenantId, next.ConversationId);
                if (_facts.TryGetValue(key, out var previous))
                {
                    if (previous.LastSeq > next.LastSeq)
                    {
                        continue;
                    }

                    ReportFigures.Add(Rollup(previous.Bucket), ReportFigures.Of(previous), -1);
                }

                ReportFigures.Add(Rollup(next.Bucket), ReportFigures.Of(next));
                _facts[key] = next;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReportRollup>> ReadAsync(Guid tenantId, DateTimeOffset fromHour, DateTimeOffset toHour, short? channel, Guid? operatorId,
        CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<ReportRollup> rows = [.. _rollups
                .Where(r => r.Key.TenantId == tenantId && r.Key.Hour >= fromHour && r.Key.Hour < toHour
                    && (channel is null || r.Key.Channel == channel) && (operatorId is null || r.Key.OperatorId == operatorId))
                .Select(r => new ReportRollup(r.Key, [.. r.Value]))];
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    /// <remarks>Memory keeps no separate days: a day is summed from its hours, in any zone.</remarks>
    public Task<IReadOnlyList<ReportRollup>?> ReadDaysAsync(Guid tenantId, TimeZoneInfo zone, DateOnly fromDay, DateOnly toDay, short? channel,
        Guid? operatorId, CancellationToken cancellationToken = default)
    {
        var days = new Dictionary<ReportBucketKey, long[]>();
        lock (_gate)
        {
            foreach (var (key, figures) in _rollups)
            {
                var day = key.TenantId == tenantId ? ReportDays.DayOf(key.Hour, zone) : default;
                if (key.TenantId != tenantId || day < fromDay || day >= toDay || (channel is not null && key.Channel != channel)
                    || (operatorId is not null && key.OperatorId != operatorId))
                {
                    continue;
                }

                var dayKey = key with { Hour = ReportDays.FirstHour(day, zone) };
                if (!days.TryGetValue(dayKey, out var sum))
                {
                    sum = new long[ReportFigures.Length];
                    days[dayKey] = sum;
                }

                ReportFigures.Add(sum, figures);
            }
        }

        return Task.FromResult<IReadOnlyList<ReportRollup>?>([.. days.Select(d => new ReportRollup(d.Key, d.Value))]);
    }

    /// <inheritdoc />
    public Task RebuildDaysAsync(Guid tenantId, TimeZoneInfo zone, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task ClearAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var key in _facts.Keys.Where(k => k.Tenant == tenantId).ToList())
            {
                _facts.Remove(key);
            }

            foreach (var key in _rollups.Keys.Where(k => k.TenantId == tenantId).ToList())
            {
                _rollups.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Guid>> ConversationIdsAsync(Guid tenantId, Guid after, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Guid> ids = [.. conversations.SnapshotConversations()
            .Where(c => c.TenantId == tenantId && c.ConversationId.CompareTo(after) > 0)
            .Select(c => c.ConversationId).Order().Take(limit)];
        return Task.FromResult(ids);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> ActiveSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<(Guid, Guid)> active = [.. conversations.SnapshotConversations()
            .Where(c => c.LastActivityAt >= since).Select(c => (c.TenantId, c.ConversationId))];
        return Task.FromResult(active);
    }

    private long[] Rollup(ReportBucketKey key)
    {
        if (!_rollups.TryGetValue(key, out var figures))
        {
            figures = new long[ReportFigures.Length];
            _rollups[key] = figures;
        }

        return figures;
    }
}
