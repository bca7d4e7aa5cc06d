using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Grains.Channels;
using Conversations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>Outbound delivery under injected Bot API failures; time moves only with the fake clock.</summary>
public sealed class TelegramDeliveryTests(TelegramGatewayFixture telegram) : IClassFixture<TelegramGatewayFixture>
{
    [Fact]
    public async Task A_429_waits_for_retry_after_and_then_the_reply_goes_out_exactly_once()
    {
        var user = Fixture.NewUserId();
        telegram.BotApi.FailNext("sendMessage", 429, "Too Many Requests: retry after 7", retryAfter: 7, chatId: user);

        await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "hello"));
        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user)) is { Status: DeliveryStatus.Pending, Attempts: 1 },
            "the refused attempt recorded and the retry scheduled");

        var scheduled = await telegram.DeliveryOfLastBotMessageAsync(user);
        Assert.Equal(telegram.Clock.GetUtcNow() + TimeSpan.FromSeconds(7), scheduled!.NextAttemptAt);
        Assert.Contains("429", scheduled.LastError, StringComparison.Ordinal);
        Assert.Single(telegram.AttemptsFor(user));

        telegram.Clock.Advance(TimeSpan.FromSeconds(7));
        await Eventually.HoldsAsync(() => telegram.RepliesTo(user).Count == 1, "the retried reply");
        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "status Sent");
        var delivery = await telegram.DeliveryOfLastBotMessageAsync(user);
        Assert.Equal(2, delivery!.Attempts);
        Assert.Equal(2, telegram.AttemptsFor(user).Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_the_reply_goes_out_once()
    {
        var user = Fixture.NewUserId();
        telegram.BotApi.FailNext("sendMessage", 500, "Internal Server Error", times: 2, chatId: user);

        await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "hello"));
        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user)) is { Status: DeliveryStatus.Pending, Attempts: 1 },
            "the first failed attempt recorded");
        Assert.Equal(telegram.Clock.GetUtcNow() + TimeSpan.FromSeconds(1), (await telegram.DeliveryOfLastBotMessageAsync(user))!.NextAttemptAt);

        telegram.Clock.Advance(TimeSpan.FromSeconds(1)); // first backoff: 1 s
        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user)) is { Status: DeliveryStatus.Pending, Attempts: 2 },
            "the second failed attempt recorded");
        Assert.Equal(telegram.Clock.GetUtcNow() + TimeSpan.FromSeconds(2), (await telegram.DeliveryOfLastBotMessageAsync(user))!.NextAttemptAt);
        telegram.Clock.Advance(TimeSpan.FromSeconds(2)); // second backoff: 2 s
        await Eventually.HoldsAsync(() => telegram.RepliesTo(user).Count == 1, "the reply after two failures");

        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Sent, "status Sent");
        Assert.Equal(3, (await telegram.DeliveryOfLastBotMessageAsync(user))!.Attempts);
    }

    [Fact]
    public async Task A_blocked_bot_stops_retrying_shows_the_failure_and_marks_the_customer_unreachable()
    {
        var user = Fixture.NewUserId();
        telegram.BotApi.FailNext("sendMessage", 403, "Forbidden: bot was blocked by the user", chatId: user);

        await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "hello"));

        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Blocked, "status Blocked");
        var delivery = await telegram.DeliveryOfLastBotMessageAsync(user);
        Assert.Contains("blocked", delivery!.LastError, StringComparison.OrdinalIgnoreCase);
        await Eventually.HoldsAsync(async () => (await telegram.CustomerAsync(user))!.Identities.Single().Unreachable, "identity unreachable");
        telegram.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Single(telegram.AttemptsFor(user));
    }

    [Fact]
    public async Task A_refused_message_is_marked_failed_and_not_retried()
    {
        var user = Fixture.NewUserId();
        telegram.BotApi.FailNext("sendMessage", 400, "Bad Request: chat not found", chatId: user);

        await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "hello"));

        await Eventually.HoldsAsync(async () => (await telegram.DeliveryOfLastBotMessageAsync(user))?.Status == DeliveryStatus.Failed, "status Failed");
        telegram.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Single(telegram.AttemptsFor(user));
    }

    [Fact]
    public async Task A_stopping_silo_finishes_the_send_in_flight_and_records_it_so_it_is_not_sent_again()
    {
        // Its own silo: this test stops the dispatcher.
        var own = new TelegramGatewayFixture();
        await own.InitializeAsync();
        try
        {
            var user = Fixture.NewUserId();
            var held = own.BotApi.HoldNext("sendMessage", chatId: user);
            await own.PostUpdateAsync(Fixture.Load("text", user, text: "hello"));
            await held.Reached.WaitAsync(TimeSpan.FromSeconds(30));

            // SIGTERM while Telegram has the request: the silo must wait for the answer rather than abandon it (an
            // abandoned row stays 'sending' and goes out a second time when its lease runs out).
            var dispatcher = own.App.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();
            var stopping = dispatcher.StopAsync(CancellationToken.None);
            held.Release();
            await stopping.WaitAsync(TimeSpan.FromSeconds(30));

            var delivery = await own.DeliveryOfLastBotMessageAsync(user);
            Assert.Equal(DeliveryStatus.Sent, delivery!.Status);
            Assert.Equal(1, delivery.Attempts);
            Assert.Single(own.RepliesTo(user));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }
}
