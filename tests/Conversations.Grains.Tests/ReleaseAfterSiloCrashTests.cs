using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Conversations;
using Conversations.Testing;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace Conversations.Grains.Tests;

/// <summary>On real PostgreSQL: a live chat's auto-release still fires, once, after the silo holding it dies.</summary>
public sealed class ReleaseAfterSiloCrashTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task An_armed_release_happens_on_the_surviving_silo_exactly_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await TestClusters.StartAsync(database.ConnectionString, silos: 2, time: clock, serviceId: "crash-" + Guid.NewGuid().ToString("N")[..8]);
        var grains = cluster.Client;
        var tenant = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).CreateTenantAsync("crash-shop", "Crash shop");
        var olga = await grains.GetGrain<ITenantGrain>(tenant.TenantId).AddOperatorAsync(
            new NewOperator("olga", "Olga", OperatorRole.Operator, 50, "correct horse battery"));
        var operatorRef = new OperatorRef(olga.OperatorId, "Olga");

        var conversations = new List<IConversationGrain>();
        for (var user = 1; user <= 12; user++)
        {
            var result = await grains.SendAsync(Inbound.Text(tenant.TenantId, 10_000 + user, "hello"));
            var conversation = grains.Conversation(result);
            await conversation.TakeAsync(operatorRef);
            conversations.Add(conversation);
        }

        // Kill a silo that holds some of the armed conversations.
        var management = grains.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var keys = conversations.Select(c => c.GetGrainId()).ToHashSet();
        var bySilo = statistics.Where(s => keys.Contains(s.GrainId)).GroupBy(s => s.SiloAddress).ToDictionary(g => g.Key, g => g.Count());
        var victim = cluster.Silos.Where(s => bySilo.ContainsKey(s.SiloAddress)).OrderByDescending(s => s.SiloAddress == cluster.Silos[1].SiloAddress).First();
        Assert.True(bySilo[victim.SiloAddress] > 0);
        await cluster.KillSiloAsync(victim);

        // Watch the database, not the grains: asking a grain would activate it and re-arm its timer, hiding whether
        // the durable reminder did the work.
        var ids = conversations.Select(c => ConversationKey.Parse(c.GetPrimaryKeyString()).ConversationId).ToArray();
        await Eventually.AdvanceUntilAsync(clock, TimeSpan.FromSeconds(30), TimeSpan.FromHours(2), async () =>
        {
            await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM conversations WHERE conversation_id = ANY(@ids) AND status = 1");
            command.Parameters.AddWithValue("ids", ids);
            return (long)(await command.ExecuteScalarAsync())! == ids.Length;
        }, "every armed release");

        foreach (var conversation in conversations)
        {
            var history = await conversation.GetHistoryAsync(new HistoryQuery(Limit: 500));
            Assert.Single(history, m => m.Content is EventContent { Event: ConversationEventKind.LiveChatReleased });
        }
    }
}
