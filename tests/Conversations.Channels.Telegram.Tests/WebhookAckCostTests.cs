using Conversations.Abstractions.Messages;
using Conversations.Channels.EventsOut;
using Conversations.Persistence.EventsOut;
using Conversations.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// What events out cost the acknowledgement path, by the server's write-transaction counter (as <see cref="HotPathCountsTests"/>):
/// a tenant subscribed to every event type with a dead endpoint acknowledges and answers its customers' messages with
/// exactly the write transactions of a tenant without a subscription; the events are queued afterwards by the feed.
/// </summary>
[Collection(HotPathCountsCollection.Name)]
public sealed class WebhookAckCostTests(TelegramOnPostgresFixture telegram, ITestOutputHelper output) : IClassFixture<TelegramOnPostgresFixture>
{
    private const int Users = 8;

    [Fact]
    public async Task A_subscription_to_a_dead_endpoint_adds_no_write_to_answering_a_message_and_the_feed_queues_its_events_behind()
    {
        var unsubscribed = await PerMessageAsync();
        // The loopback discard port, which the outbound policy refuses: a dead endpoint.
        await telegram.App.Service<IWebhookStore>().AddSubscriptionAsync(new WebhookSubscription(telegram.TenantId, Guid.NewGuid(), "http://127.0.0.1:9/dead",
            "whsec_dead", [.. WebhookEventTypes.All], telegram.Clock.GetUtcNow()));
        var subscribed = await PerMessageAsync();

        var beforeFlush = await XidAsync();
        var queued = await telegram.App.Service<WebhookEventFeed>().FlushAsync();
        var flushTransactions = await XidAsync() - beforeFlush;
        var attempted = await telegram.App.Service<WebhookDispatcher>().DeliverDueAsync();

        output.WriteLine($"write transactions per answered first message: {unsubscribed:0.##} without a subscription, {subscribed:0.##} with one (dead endpoint)");
        output.WriteLine($"the feed afterwards: {queued} events of {2 * Users} conversations queued in {flushTransactions} write transactions; {attempted} deliveries attempted");
        // The clock stood still, so the subscription (created at the same instant) hears both rounds' conversations.
        Assert.Equal(unsubscribed, subscribed);
        Assert.True(queued >= 2 * Users * 3, $"{queued} events queued (each conversation: opened, the customer's message, the bot's answer)");
        Assert.Equal(2 * Users, flushTransactions); // one per conversation
        Assert.Equal(2 * Users, attempted); // one per conversation: the rest wait behind it, in order
    }

    /// <summary>Write transactions per message of new customers answered by the bot, the clock standing still (no feed run).</summary>
    private async Task<double> PerMessageAsync()
    {
        var before = await XidAsync();
        foreach (var user in Enumerable.Range(0, Users).Select(_ => Fixture.NewUserId()))
        {
            (await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "/start"))).EnsureSuccessStatusCode();
            await Eventually.HoldsAsync(async () => telegram.RepliesTo(user).Count == 1
                && (await telegram.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "the reply sent and recorded");
        }

        return (double)(await XidAsync() - before) / Users;
    }

    private static async Task<long> XidAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresDatabase.ServerConnectionString()) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
