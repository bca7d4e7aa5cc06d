using System.Collections.Concurrent;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Conversations;
using Conversations.Grains.Operators;
using Conversations.Grains.Tenants;
using Conversations.Testing;

namespace Conversations.Grains.Tests;

/// <summary>
/// On real PostgreSQL: the tenant feed's subscriptions are stored (stream pub-sub state) and read back after a restart,
/// so operators connected to a restarted (or replacement) silo keep getting live events.
/// </summary>
public sealed class FeedAfterRestartTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task An_operator_feed_gets_live_events_after_the_silo_crashed_and_came_back_on_the_same_database()
    {
        var serviceId = "feed-restart-" + Guid.NewGuid().ToString("N")[..8];
        TenantInfo tenant;
        OperatorInfo olga;
        byte[] registered;

        await using (var cluster = await TestClusters.StartAsync(database.ConnectionString, serviceId: serviceId))
        {
            tenant = await cluster.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).CreateTenantAsync("feed-shop", "Feed Shop");
            olga = await cluster.Client.GetGrain<ITenantGrain>(tenant.TenantId).AddOperatorAsync(
                new NewOperator("olga", "Olga", OperatorRole.Operator, 5, "correct horse battery"));
            // Events flow while nobody listens: the stream's pulling agent registers as the feed's producer (stored).
            await cluster.Client.SendAsync(Inbound.Text(tenant.TenantId, 700, "Есть кто?", updateId: 1));
            await Eventually.HoldsAsync(async () => await StoredPubSubStateAsync(serviceId) is { } state
                && state.AsSpan().IndexOf("sys.svc.stream.agent"u8) >= 0, "the agent registered as producer");
            registered = (await StoredPubSubStateAsync(serviceId))!;
            await cluster.KillSiloAsync(cluster.Silos[0]);
        }

        // A crash (kill -9) leaves that registration in storage; the in-process kill may still tidy up, so put it back
        // as a real crash leaves it. The next silo must read it.
        await using (var command = database.DataSource.CreateCommand(
            "UPDATE orleansstorage SET payloadbinary = @state WHERE serviceid = @service AND graintypestring = 'PubSubRendezvousGrain'"))
        {
            command.Parameters.AddWithValue("state", registered);
            command.Parameters.AddWithValue("service", serviceId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await using (var cluster = await TestClusters.StartAsync(database.ConnectionString, serviceId: serviceId))
        {
            var feed = new RecordingFeed();
            await AttachAsync(cluster.Client, olga, feed);
            var sent = await cluster.Client.SendAsync(Inbound.Text(tenant.TenantId, 702, "Добрый день", updateId: 3));
            await Eventually.HoldsAsync(() => feed.Saw(sent.ConversationId), "the event after the restart");
        }
    }

    private async Task<byte[]?> StoredPubSubStateAsync(string serviceId)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT payloadbinary FROM orleansstorage WHERE serviceid = @service AND graintypestring = 'PubSubRendezvousGrain'");
        command.Parameters.AddWithValue("service", serviceId);
        return await command.ExecuteScalarAsync() as byte[];
    }

    private static async Task AttachAsync(IClusterClient client, OperatorInfo info, RecordingFeed feed)
    {
        var reference = client.CreateObjectReference<IOperatorFeedObserver>(feed);
        await client.GetGrain<IOperatorGrain>(new OperatorKey(info.TenantId, info.OperatorId).ToGrainKey()).AttachFeedAsync(reference);
    }

    private sealed class RecordingFeed : IOperatorFeedObserver
    {
        private readonly ConcurrentQueue<ConversationEvent> _events = new();

        public bool Saw(Guid conversationId) => _events.Any(e => e.Conversation.ConversationId == conversationId);

        public Task OnConversationEventAsync(ConversationEvent conversationEvent)
        {
            _events.Enqueue(conversationEvent);
            return Task.CompletedTask;
        }
    }
}
