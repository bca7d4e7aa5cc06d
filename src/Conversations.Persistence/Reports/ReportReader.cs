namespace Conversations.Persistence.Reports;

/// <summary>Reads a report's rollups: whole days from the daily level when the tenant's days are kept in the report's zone, hours at the ends.</summary>
public static class ReportReader
{
    /// <summary>
    /// The tenant's rollups of the UTC hours [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) for a report cut in
    /// <paramref name="zone"/> (a day's rollup stands at the day's first hour); <paramref name="hoursOnly"/> for an hourly
    /// report. <c>DaysKept</c> is false when the days are not kept in that zone and everything was read from hours.
    /// </summary>
    public static async Task<(IReadOnlyList<ReportRollup> Rollups, bool DaysKept)> ReadAsync(this IReportStore store, Guid tenantId,
        DateTimeOffset fromUtc, DateTimeOffset toUtc, TimeZoneInfo zone, bool hoursOnly, short? channel, Guid? operatorId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (hoursOnly || ReportDays.WholeDays(fromUtc, toUtc, zone) is not { } days)
        {
            return (await store.ReadAsync(tenantId, fromUtc, toUtc, channel, operatorId, cancellationToken), true);
        }

        if (await store.ReadDaysAsync(tenantId, zone, days.FromDay, days.ToDay, channel, operatorId, cancellationToken) is not { } daily)
        {
            return (await store.ReadAsync(tenantId, fromUtc, toUtc, channel, operatorId, cancellationToken), false);
        }

        var rows = new List<ReportRollup>(daily);
        if (fromUtc < days.DaysFromUtc)
        {
            rows.AddRange(await store.ReadAsync(tenantId, fromUtc, days.DaysFromUtc, channel, operatorId, cancellationToken));
        }

        if (days.DaysToUtc < toUtc)
        {
            rows.AddRange(await store.ReadAsync(tenantId, days.DaysToUtc, toUtc, channel, operatorId, cancellationToken));
        }

        return (rows, true);
    }
}
