using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Abstractions.Tenants.Admission;
using Conversations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Conversations.Grains.Tests.Admission;

/// <summary>
/// A tenant over its plan's inbound budget has its messages stored and acknowledged at once but its bot turns deferred,
/// answered in order as tokens come back (a fake clock refills them), while a tenant without that bound is answered at once;
/// deferred turns survive a silo restart and are answered once.
/// </summary>
public sealed class TenantAdmissionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    // One bot turn a second for the whole cluster, one at a time; the other budgets are out of the way.
    private static readonly TenantPlan OneTurnASecond = new("one-turn-a-second",
        Inbound: new TenantBudget(PerSecond: 1, Burst: 1, Concurrent: 10),
        Api: new TenantBudget(1000, 1000, 1000),
        Outbound: new TenantBudget(1000, 1000, 1000));

    // Three messages whose fallback-bot answers differ, so the order of the answers shows the order of the turns.
    private static readonly string[] Messages = ["/start", "Спасибо", "Пока"];

    private static readonly string[] AnswersInOrder =
        [TenantTexts.Defaults[TenantTexts.FallbackGreeting], TenantTexts.Defaults[TenantTexts.SmallTalkThanks], TenantTexts.Defaults[TenantTexts.SmallTalkGoodbye]];

    [Fact]
    public async Task A_tenant_over_its_inbound_budget_is_acknowledged_at_once_and_answered_in_order_as_tokens_return_while_another_tenant_is_answered_at_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await TestClusters.StartAsync(time: clock);
        var (noisy, quiet) = (Guid.NewGuid(), Guid.NewGuid());
        await PutOnPlanAsync(cluster, noisy);

        var noisyResults = await SendAllAsync(cluster, noisy, 811);
        var quietResults = await SendAllAsync(cluster, quiet, 812);

        // Every message is stored (acknowledged) whatever the budget.
        Assert.All(noisyResults.Concat(quietResults), r => Assert.Equal(InboundOutcome.Stored, r.Outcome));

        // The quiet tenant's turns ran with their messages; the noisy tenant's first took the only token, the rest wait.
        Assert.Equal(AnswersInOrder, await AnswersAsync(cluster, quietResults[0]));
        Assert.Equal(AnswersInOrder[..1], await AnswersAsync(cluster, noisyResults[0]));

        // Frozen time brings no token: asking the conversation to run its pending turns answers nothing more.
        await cluster.Client.Conversation(noisyResults[0]).RunPendingBotTurnsAsync();
        Assert.Equal(AnswersInOrder[..1], await AnswersAsync(cluster, noisyResults[0]));

        // Each second brings one token and the next message's turn, in the order the messages came.
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(async () => (await AnswersAsync(cluster, noisyResults[0])).Count == 2, "the second turn after one second");
        Assert.Equal(AnswersInOrder[..2], await AnswersAsync(cluster, noisyResults[0]));

        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(async () => (await AnswersAsync(cluster, noisyResults[0])).Count == 3, "the third turn after two seconds");
        Assert.Equal(AnswersInOrder, await AnswersAsync(cluster, noisyResults[0]));
    }

    [Fact]
    public async Task Turns_deferred_when_the_silo_stops_are_answered_once_and_in_order_by_the_next_silo()
    {
        var serviceId = "admission-" + Guid.NewGuid().ToString("N")[..8];
        var tenant = Guid.NewGuid();
        InboundResult first;

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using (var cluster = await TestClusters.StartAsync(database.ConnectionString, serviceId: serviceId, time: clock))
        {
            await PutOnPlanAsync(cluster, tenant);
            var results = await SendAllAsync(cluster, tenant, 821);
            first = results[0];
            Assert.All(results, r => Assert.Equal(InboundOutcome.Stored, r.Outcome));
            Assert.Equal(AnswersInOrder[..1], await AnswersAsync(cluster, first));
        }

        // A new silo on the same database: the deferred messages are still unanswered in the stored row, and the plan is
        // still stored. The sweeper finds them; the budget then lets one turn a second through.
        var later = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 1, 0, TimeSpan.Zero));
        await using (var cluster = await TestClusters.StartAsync(database.ConnectionString, serviceId: serviceId, time: later))
        {
            await Eventually.AdvanceUntilAsync(later, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2),
                async () => (await AnswersAsync(cluster, first)).Count >= 3, "every deferred turn answered after the restart");
            await cluster.Client.Conversation(first).RunPendingBotTurnsAsync(); // a late wake-up answers nothing twice
            Assert.Equal(AnswersInOrder, await AnswersAsync(cluster, first)); // once each, in order
        }
    }

    [Fact]
    public async Task Refused_callers_are_told_to_come_back_one_token_apart_in_the_order_they_were_refused_and_another_tenant_is_not_bounded()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await TestClusters.StartAsync(time: clock);
        var (noisy, quiet) = (Guid.NewGuid(), Guid.NewGuid());
        await PutOnPlanAsync(cluster, noisy);
        var admission = cluster.Silos[0].ServiceProvider.GetRequiredService<ITenantAdmission>();
        admission.Invalidate();

        using var first = await admission.AdmitAsync(TenantWork.Inbound, noisy);
        var refused = new List<TenantAdmissionLease>();
        for (var i = 0; i < 3; i++)
        {
            refused.Add(await admission.AdmitAsync(TenantWork.Inbound, noisy));
        }

        Assert.True(first.Admitted);
        Assert.All(refused, r => Assert.False(r.Admitted));
        // Not every waiter at the next token (all but one would be refused again): one a second, first refused first.
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], refused.Select(r => r.RetryAfter));
        for (var i = 0; i < 10; i++)
        {
            using var other = await admission.AdmitAsync(TenantWork.Inbound, quiet);
            Assert.True(other.Admitted);
        }
    }

    private static async Task PutOnPlanAsync(InProcessTestCluster cluster, Guid tenant)
    {
        var catalog = cluster.Client.GetGrain<IPlanCatalogGrain>(IPlanCatalogGrain.Key);
        await catalog.SetPlanAsync(OneTurnASecond);
        await catalog.AssignAsync(tenant, OneTurnASecond.Name);
    }

    private static async Task<List<InboundResult>> SendAllAsync(InProcessTestCluster cluster, Guid tenant, long user)
    {
        var results = new List<InboundResult>();
        foreach (var text in Messages)
        {
            results.Add(await cluster.Client.SendAsync(Inbound.Text(tenant, user, text)));
        }

        return results;
    }

    private static async Task<List<string>> AnswersAsync(InProcessTestCluster cluster, InboundResult result) =>
        [.. (await cluster.Client.Conversation(result).GetHistoryAsync(new HistoryQuery()))
            .Where(m => m.Direction == MessageDirection.Bot)
            .Select(m => m.Content.ToPlainText())];
}
