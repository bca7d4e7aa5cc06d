using System.Globalization;
using Conversations.Abstractions.Conversations;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Reports;
using Conversations.Testing.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Persistence.Tests.Reports;

/// <summary>What every report store does, in memory and on PostgreSQL, fed by the aggregator from committed rows.</summary>
public abstract class ReportStoreContract
{
    private static readonly DateTimeOffset Hour = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    protected abstract IConversationStore Conversations { get; }

    protected abstract IReportStore Reports { get; }

    protected abstract ReportChanges Changes { get; }

    [Fact]
    public async Task The_known_history_gives_exact_figures_counted_as_it_happens_and_again_after_a_recompute()
    {
        var history = new KnownHistory(Guid.NewGuid());
        var aggregator = Aggregator();
        // Counted while conversations are half done (every third one), then at the end: old figures are replaced, never added twice.
        await history.CommitAllAsync(Conversations, async i =>
        {
            if (i % 3 == 0)
            {
                await aggregator.FlushAsync();
            }
        });
        await aggregator.FlushAsync();
        await aggregator.FlushAsync(); // nothing changed: nothing moves

        AssertKnownTotals(await TotalAsync(history.TenantId));

        Assert.Equal(100, await aggregator.RecomputeAsync(history.TenantId));
        AssertKnownTotals(await TotalAsync(history.TenantId));
    }

    [Theory]
    [InlineData("2026-10-23T22:00:00Z", "2026-10-26T23:00:00Z")] // Berlin's 24th to 26th: whole days only, one of them 25 hours long
    [InlineData("2026-10-24T15:00:00Z", "2026-10-26T05:00:00Z")] // hours at both ends, the 25th whole between them
    [InlineData("2026-10-24T18:00:00Z", "2026-10-24T23:00:00Z")] // no whole day: hours only
    public async Task Days_kept_in_the_tenants_zone_give_the_same_figures_per_day_as_the_hours_they_sum(string from, string to)
    {
        var history = new KnownHistory(Guid.NewGuid());
        var aggregator = Aggregator();
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var (fromUtc, toUtc) = (DateTimeOffset.Parse(from, CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, CultureInfo.InvariantCulture));
        // Half counted before the days exist, the days cut from those hours, the rest counted into hours and days as it happens
        // (conversations still going are recounted: their old figures leave their day).
        await history.CommitAllAsync(Conversations, async i =>
        {
            if (i % 3 == 0)
            {
                await aggregator.FlushAsync();
            }

            if (i == 50)
            {
                aggregator.RequestDays(history.TenantId, berlin);
                await aggregator.FlushAsync();
            }
        });
        await aggregator.FlushAsync();

        var (withDays, kept) = await Reports.ReadAsync(history.TenantId, fromUtc, toUtc, berlin, hoursOnly: false, null, null);
        var hours = await Reports.ReadAsync(history.TenantId, fromUtc, toUtc, null, null);

        Assert.True(kept);
        Assert.Equal(PerDay(hours, berlin), PerDay(withDays, berlin));
        if (ReportDays.WholeDays(fromUtc, toUtc, berlin) is not null)
        {
            Assert.True(withDays.Count < hours.Count, "whole days are read as one row per day and bucket, not 24 or 25");
        }

        var (channelTwo, _) = await Reports.ReadAsync(history.TenantId, fromUtc, toUtc, berlin, hoursOnly: false, 2, null);
        Assert.Equal(PerDay(await Reports.ReadAsync(history.TenantId, fromUtc, toUtc, 2, null), berlin), PerDay(channelTwo, berlin));
    }

    [Fact]
    public async Task Days_asked_for_in_another_zone_than_the_tenants_are_read_from_hours_and_another_tenants_days_are_never_read()
    {
        var (tenant, other) = (Guid.NewGuid(), Guid.NewGuid());
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        await Reports.RebuildDaysAsync(tenant, berlin);
        await Reports.RebuildDaysAsync(other, berlin);
        await Reports.ApplyAsync([Facts(tenant, Guid.NewGuid()), Facts(other, Guid.NewGuid()), Facts(other, Guid.NewGuid())]);
        var day = ReportDays.DayOf(Hour, berlin);

        var ours = await Reports.ReadDaysAsync(tenant, berlin, day, day.AddDays(1), null, null);
        var (inTokyo, _) = await Reports.ReadAsync(tenant, Hour.AddDays(-2), Hour.AddDays(2), tokyo, hoursOnly: false, null, null);

        Assert.Equal(1, Sum(ours!)[ReportFigures.Started]);
        Assert.Equal(ReportDays.FirstHour(day, berlin), ours!.Single().Bucket.Hour);
        Assert.Equal(1, Sum(inTokyo)[ReportFigures.Started]);
    }

    [Fact]
    public async Task A_conversation_counted_again_replaces_its_figures_and_an_older_computation_never_replaces_a_newer_one()
    {
        var tenant = Guid.NewGuid();
        var conversation = Guid.NewGuid();
        var waiting = Facts(tenant, conversation, lastSeq: 3, handoff: HandoffCause.Asked, wait: null);
        var taken = waiting with { LastSeq = 5, Taken = true, WaitSeconds = 120, OperatorId = Guid.NewGuid() };

        await Reports.ApplyAsync([waiting]);
        await Reports.ApplyAsync([taken]);
        await Reports.ApplyAsync([taken]);   // a redelivered change
        await Reports.ApplyAsync([waiting]); // a slower silo's older view

        var rows = await Reports.ReadAsync(tenant, Hour, Hour.AddHours(1), null, null);
        var total = Sum(rows);
        Assert.Equal(1, total[ReportFigures.Started]);
        Assert.Equal(1, total[ReportFigures.Taken]);
        Assert.Equal(120, total[ReportFigures.WaitSum]);
        Assert.Equal(1, total[ReportFigures.WaitHistogram + DurationBuckets.Of(120)]);
        Assert.Equal(1, rows.Where(r => r.Figures[ReportFigures.Started] != 0).Single().Figures[ReportFigures.Started]);
        Assert.Equal(taken.OperatorId, rows.Single(r => r.Figures[ReportFigures.Started] != 0).Bucket.OperatorId);
    }

    [Fact]
    public async Task Reads_keep_to_the_tenant_the_hours_the_channel_and_the_operator_asked_for_and_a_clear_forgets_one_tenant_only()
    {
        var (tenant, other) = (Guid.NewGuid(), Guid.NewGuid());
        var op = Guid.NewGuid();
        await Reports.ApplyAsync([
            Facts(tenant, Guid.NewGuid()),
            Facts(tenant, Guid.NewGuid()) with { Hour = Hour.AddHours(1) },
            Facts(tenant, Guid.NewGuid()) with { Channel = 2 },
            Facts(tenant, Guid.NewGuid()) with { OperatorId = op, Taken = true, Handoff = HandoffCause.Asked },
            Facts(other, Guid.NewGuid()),
        ]);

        Assert.Equal(3, Sum(await Reports.ReadAsync(tenant, Hour, Hour.AddHours(1), null, null))[ReportFigures.Started]);
        Assert.Equal(4, Sum(await Reports.ReadAsync(tenant, Hour, Hour.AddHours(2), null, null))[ReportFigures.Started]);
        Assert.Equal(1, Sum(await Reports.ReadAsync(tenant, Hour, Hour.AddHours(2), 2, null))[ReportFigures.Started]);
        Assert.Equal(1, Sum(await Reports.ReadAsync(tenant, Hour, Hour.AddHours(2), null, op))[ReportFigures.Taken]);
        Assert.Equal(1, Sum(await Reports.ReadAsync(other, Hour, Hour.AddHours(2), null, null))[ReportFigures.Started]);

        await Reports.ClearAsync(tenant);

        Assert.Equal(0, Sum(await Reports.ReadAsync(tenant, Hour, Hour.AddHours(2), null, null))[ReportFigures.Started]);
        Assert.Equal(1, Sum(await Reports.ReadAsync(other, Hour, Hour.AddHours(2), null, null))[ReportFigures.Started]);
    }

    [Fact]
    public async Task A_commit_marks_its_conversation_changed_for_the_aggregator()
    {
        var history = new KnownHistory(Guid.NewGuid());
        Changes.TakeAll();

        await history.CommitAsync(Conversations, 0);

        Assert.Contains((history.TenantId, history.Conversations[0]), Changes.TakeAll());
    }

    /// <summary>The figures the known history's documentation promises, over its whole range.</summary>
    internal static void AssertKnownTotals(long[] f)
    {
        Assert.Equal(100, f[ReportFigures.Started]);
        Assert.Equal(70, f[ReportFigures.Contained]);
        Assert.Equal(20, f[ReportFigures.HandedOverBase + (int)HandoffCause.Asked]);
        Assert.Equal(10, f[ReportFigures.HandedOverBase + (int)HandoffCause.BotGaveUp]);
        Assert.Equal(20, f[ReportFigures.Taken]);
        Assert.Equal(10, f[ReportFigures.Abandoned]);
        Assert.Equal((10 * 60) + (10 * 240), f[ReportFigures.WaitSum]);
        Assert.Equal((10 * 90) + (10 * 300), f[ReportFigures.FirstResponseSum]);
        Assert.Equal(30, f[ReportFigures.Resolved]);
        Assert.Equal((10 * 215) + (10 * 425) + (10 * 603), f[ReportFigures.ResolutionSum]);
        Assert.Equal(225, f[ReportFigures.CustomerMessages]);
        Assert.Equal(120, f[ReportFigures.BotMessages]);
        Assert.Equal(20, f[ReportFigures.OperatorMessages]);
        Assert.Equal(20, f[ReportFigures.SurveysOffered]);
        Assert.Equal(15, f[ReportFigures.SurveysAnswered]);
        Assert.Equal((10 * 5) + (5 * 2), f[ReportFigures.ScoreSum]);
        Assert.Equal(10, f[ReportFigures.Satisfied]);
        Assert.Equal(20, f[ReportFigures.Handled]);
        Assert.Equal((10 * (30 + 120)) + (10 * (60 + 120)), f[ReportFigures.HandlingSum]);
        Assert.Equal(60, DurationBuckets.Quantile(f.AsSpan(ReportFigures.WaitHistogram, DurationBuckets.UpperBounds.Count), 0.5));
        Assert.Equal(240, DurationBuckets.Quantile(f.AsSpan(ReportFigures.WaitHistogram, DurationBuckets.UpperBounds.Count), 0.9));
        Assert.Equal(90, DurationBuckets.Quantile(f.AsSpan(ReportFigures.FirstResponseHistogram, DurationBuckets.UpperBounds.Count), 0.5));
        Assert.Equal(300, DurationBuckets.Quantile(f.AsSpan(ReportFigures.FirstResponseHistogram, DurationBuckets.UpperBounds.Count), 0.9));
    }

    private ReportAggregator Aggregator() =>
        new(Conversations, Reports, Changes, new FakeTimeProvider(), Options.Create(new ReportOptions { BatchSize = 7 }), NullLogger<ReportAggregator>.Instance);

    private async Task<long[]> TotalAsync(Guid tenant) =>
        Sum(await Reports.ReadAsync(tenant, KnownHistory.Start.AddDays(-1), KnownHistory.Start.AddDays(3), null, null));

    private static Dictionary<DateOnly, string> PerDay(IEnumerable<ReportRollup> rows, TimeZoneInfo zone) =>
        rows.GroupBy(r => ReportDays.DayOf(r.Bucket.Hour, zone)).Where(g => Sum(g)[ReportFigures.Started] != 0)
            .ToDictionary(g => g.Key, g => string.Join(',', Sum(g)));

    private static long[] Sum(IEnumerable<ReportRollup> rows)
    {
        var sum = new long[ReportFigures.Length];
        foreach (var row in rows)
        {
            ReportFigures.Add(sum, row.Figures);
        }

        return sum;
    }

    private static ConversationFacts Facts(Guid tenant, Guid conversation, long lastSeq = 2, HandoffCause? handoff = null, int? wait = null) =>
        new(tenant, conversation, lastSeq, Hour, 1, Guid.Empty, "", handoff, false, false, wait, null, null, 1, 1, 0, false, null, null, null);
}
