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
        Assert.Equal(60, DurationBuckets.Quantile(f.AsSpan(ReportFigures.WaitHistogram, DurationBuckets.UpperBounds.Count), 0.5));
        Assert.Equal(240, DurationBuckets.Quantile(f.AsSpan(ReportFigures.WaitHistogram, DurationBuckets.UpperBounds.Count), 0.9));
        Assert.Equal(90, DurationBuckets.Quantile(f.AsSpan(ReportFigures.FirstResponseHistogram, DurationBuckets.UpperBounds.Count), 0.5));
        Assert.Equal(300, DurationBuckets.Quantile(f.AsSpan(ReportFigures.FirstResponseHistogram, DurationBuckets.UpperBounds.Count), 0.9));
    }

    private ReportAggregator Aggregator() =>
        new(Conversations, Reports, Changes, new FakeTimeProvider(), Options.Create(new ReportOptions { BatchSize = 7 }), NullLogger<ReportAggregator>.Instance);

    private async Task<long[]> TotalAsync(Guid tenant) =>
        Sum(await Reports.ReadAsync(tenant, KnownHistory.Start.AddDays(-1), KnownHistory.Start.AddDays(3), null, null));

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
