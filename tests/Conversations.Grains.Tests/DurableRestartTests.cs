using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Conversations;
using Conversations.Grains.Tenants;
using Conversations.Testing;

namespace Conversations.Grains.Tests;

/// <summary>Everything survives a full silo restart on real PostgreSQL.</summary>
public sealed class DurableRestartTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Customers_conversations_and_history_survive_a_silo_restart()
    {
        var serviceId = "restart-" + Guid.NewGuid().ToString("N")[..8];
        TenantInfo tenant;
        InboundResult first, second;

        await using (var cluster = await TestClusters.StartAsync(database.ConnectionString, serviceId: serviceId))
        {
            tenant = await cluster.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).CreateTenantAsync("durable-shop", "Durable Shop");
            first = await cluster.Client.SendAsync(Inbound.Text(tenant.TenantId, 601, "Где мой заказ?", updateId: 1));
            second = await cluster.Client.SendAsync(Inbound.Telegram(tenant.TenantId, 601,
                new ContactContent("+79001112233", "Anna", null, "601"), updateId: 2));
            var conversation = cluster.Client.Conversation(first);
            await Eventually.HoldsAsync(async () => (await conversation.GetHistoryAsync(new HistoryQuery())).Count(m => m.Direction == MessageDirection.Bot) == 2,
                "both bot replies committed before the restart");
        }

        await using (var cluster = await TestClusters.StartAsync(database.ConnectionString, serviceId: serviceId))
        {
            var grains = cluster.Client;
            Assert.Equal(tenant, await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync("durable-shop"));

            var again = Inbound.Text(tenant.TenantId, 601, "Где мой заказ?", updateId: 1);
            Assert.Equal(first.CustomerId, await grains.Identity(again).GetCustomerIdAsync());
            var profile = await grains.Customer(first).GetProfileAsync();
            Assert.Equal(["+79001112233"], profile!.Phones);
            Assert.Equal(first.ConversationId, profile.CurrentConversationId);

            var view = await grains.Conversation(first).GetViewAsync();
            Assert.True(view!.LastSeq >= second.Seq);

            // A redelivery after the restart is still recognised, and new messages continue the sequence.
            var redelivered = await grains.SendAsync(again);
            Assert.Equal(InboundOutcome.Duplicate, redelivered.Outcome);
            Assert.Equal(first.MessageId, redelivered.MessageId);
            var lastSeq = view.LastSeq;
            var third = await grains.SendAsync(Inbound.Text(tenant.TenantId, 601, "Спасибо", updateId: 3));
            Assert.Equal(lastSeq + 1, third.Seq);

            var history = await grains.Conversation(first).GetHistoryAsync(new HistoryQuery(IncludeBot: false, IncludeEvents: false));
            Assert.Equal(3, history.Count);
            Assert.Equal("Где мой заказ?", ((TextContent)history[0].Content).Text);
        }
    }
}
