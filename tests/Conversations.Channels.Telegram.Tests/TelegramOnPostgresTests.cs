using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Channels;
using Conversations.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>The same gateway with every store on real PostgreSQL (outbox claims, group commit, grain state, reminders).</summary>
public sealed class TelegramOnPostgresFixture : TelegramGatewayFixture
{
    private readonly PostgresDatabase _database = new();

    protected override string? Postgres => _database.ConnectionString;

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class TelegramOnPostgresTests(TelegramOnPostgresFixture telegram) : IClassFixture<TelegramOnPostgresFixture>
{
    [Fact]
    public async Task Redeliveries_store_one_message_and_the_reply_goes_out_once()
    {
        var user = Fixture.NewUserId();
        var update = Fixture.Load("text", user, text: "на постгресе");

        for (var i = 0; i < 5; i++)
        {
            (await telegram.PostUpdateAsync(update)).EnsureSuccessStatusCode();
        }

        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "reply sent");
        var history = await telegram.HistoryAsync(user);
        Assert.Single(history, m => m.Direction == MessageDirection.Customer);
        Assert.Single(history, m => m.Direction == MessageDirection.Bot);
        Assert.Single(telegram.RepliesTo(user));
    }

    [Fact]
    public async Task A_429_is_retried_after_retry_after_with_the_attempts_recorded()
    {
        var user = Fixture.NewUserId();
        telegram.BotApi.FailNext("sendMessage", 429, "Too Many Requests: retry after 5", retryAfter: 5, chatId: user);

        (await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "hello"))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user)) is { Status: DeliveryStatus.Pending, Attempts: 1 }, "retry scheduled");
        Assert.Equal(telegram.Clock.GetUtcNow() + TimeSpan.FromSeconds(5), (await telegram.DeliveryOfLastBotMessageAsync(user))!.NextAttemptAt);

        telegram.Clock.Advance(TimeSpan.FromSeconds(5));

        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user)) is { Status: DeliveryStatus.Sent, Attempts: 2 }, "sent on the second attempt");
        Assert.Single(telegram.RepliesTo(user));
    }

    [Theory]
    [InlineData("http_server_request_duration_seconds_bucket", "http_route=\"/webhooks/telegram/{botId}\"")]
    [InlineData("orleans_app_requests_latency_milliseconds_bucket", "")]
    [InlineData("orleans_consistent_ring_size", "")]
    [InlineData("db_client_connection_count", "db_client_connection_state=\"used\"")]
    [InlineData("db_client_connection_max", "")]
    [InlineData("conversations_store_batch_duration_milliseconds_bucket", "")]
    [InlineData("conversations_bot_reply_latency_seconds_bucket", "channel=\"Telegram\"")]
    [InlineData("conversations_messages_out_total", "channel=\"Telegram\"")]
    [InlineData("conversations_outbox_oldest_age_seconds", "")]
    public async Task A_durable_silo_exports_the_series_the_alert_rules_and_the_dashboard_read(string name, string label)
    {
        // The chart's PrometheusRule and Grafana dashboard read these series by name (library ones included, whose
        // names depend on the exporter's translation): after one message through the durable path they are all there.
        var user = Fixture.NewUserId();
        (await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "метрики"))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "reply sent");

        await Eventually.HoldsAsync(async () =>
            (await telegram.Http.GetStringAsync("/metrics")).Split('\n')
                .Any(line => (line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
                    && line.Contains(label, StringComparison.Ordinal)),
            $"{name} {label} at /metrics");
    }
}
