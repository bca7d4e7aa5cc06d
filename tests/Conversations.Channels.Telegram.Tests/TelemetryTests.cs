using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.Delivery;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Grains.Operators;
using Conversations.Grains.Tenants;
using Conversations.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>What an SRE sees: the live-chat metrics at /metrics and one trace from the webhook through the grains.</summary>
public sealed partial class TelemetryTests(TelegramGatewayFixture telegram) : IClassFixture<TelegramGatewayFixture>
{
    [Fact]
    public async Task A_handoff_the_wait_in_the_queue_and_an_auto_release_show_up_at_the_metrics_endpoint()
    {
        var user = Fixture.NewUserId();
        await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "Здравствуйте, нужен оператор"));
        var queue = telegram.App.Grains.GetGrain<IOperatorQueueGrain>(telegram.TenantId);
        await Eventually.HoldsAsync(async () => (await queue.GetWaitingAsync()).Count == 1, "the customer in the queue");
        var waiting = (await queue.GetWaitingAsync())[0];
        Assert.True(Metric(await ScrapeAsync(), "conversations_queue_length") >= 1, "the waiting customer counted in the queue length");

        telegram.Clock.Advance(TimeSpan.FromMinutes(3));
        var conversation = telegram.App.Grains.GetGrain<IConversationGrain>(new ConversationKey(telegram.TenantId, waiting.ConversationId).ToGrainKey());
        var anna = await telegram.App.Grains.GetGrain<ITenantGrain>(telegram.TenantId)
            .AddOperatorAsync(new NewOperator($"anna{user}", "Анна", OperatorRole.Operator, 5, "correct horse battery"));
        await conversation.TakeAsync(new OperatorRef(anna.OperatorId, "Анна"));
        telegram.Clock.Advance(TimeSpan.FromMinutes(TenantSettings.Default.AutoReleaseMinutes));
        await Eventually.HoldsAsync(async () => (await conversation.GetViewAsync())!.Status == ConversationStatus.Bot, "auto-release");

        // The exporter caches a scrape for a moment: look again until the latest figures are in.
        await Eventually.HoldsAsync(async () =>
        {
            var metrics = await ScrapeAsync();
            return Metric(metrics, "conversations_handoffs_total", "channel=\"Telegram\"") >= 1
                && Metric(metrics, "conversations_queue_wait_seconds_count") >= 1
                && Metric(metrics, "conversations_queue_wait_seconds_sum") >= 180 // three minutes in the queue
                && Metric(metrics, "conversations_auto_releases_total") >= 1
                && Metric(metrics, "conversations_timers_lateness_seconds_count", "timer=\"auto_release\"") >= 1
                && Metric(metrics, "conversations_messages_in_total", "channel=\"telegram\"") >= 1;
        }, "handoffs, queue wait, auto-releases, their timers' lateness and inbound messages at /metrics");
    }

    [Fact]
    public async Task A_bot_reply_is_counted_in_the_bot_reply_latency_of_its_channel()
    {
        var before = Metric(await ScrapeAsync(), "conversations_bot_reply_latency_seconds_count", "channel=\"Telegram\"");
        var user = Fixture.NewUserId();

        await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "hello"));

        await Eventually.HoldsAsync(() => telegram.RepliesTo(user).Count >= 1, "the bot's reply");
        await Eventually.HoldsAsync(async () =>
            Metric(await ScrapeAsync(), "conversations_bot_reply_latency_seconds_count", "channel=\"Telegram\"") > before,
            "the reply counted in conversations_bot_reply_latency_seconds");
    }

    [Fact]
    public async Task A_reply_the_channel_has_not_accepted_yet_shows_in_the_outbox_backlog()
    {
        var user = Fixture.NewUserId();
        var held = telegram.BotApi.HoldNext("sendMessage", chatId: user);
        await telegram.PostUpdateAsync(Fixture.Load("text", user, text: "hello"));
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            // The clock moves one sampling interval, and again every few seconds of waiting: a tick that landed while the
            // monitor was still taking an earlier sample (other tests of the fixture move the same clock) is followed
            // by another. (Few enough moves that the held send's lease does not run out.)
            var lastMove = System.Diagnostics.Stopwatch.StartNew();
            telegram.Clock.Advance(OutboxBacklogMonitor.Interval);
            await Eventually.HoldsAsync(async () =>
            {
                if (lastMove.Elapsed > TimeSpan.FromSeconds(4))
                {
                    telegram.Clock.Advance(OutboxBacklogMonitor.Interval);
                    lastMove.Restart();
                }

                return Metric(await ScrapeAsync(), "conversations_outbox_backlog") >= 1;
            }, "the held reply in the backlog");
        }
        finally
        {
            held.Release();
        }
    }

    [Fact]
    public async Task The_trace_of_a_webhook_request_continues_through_the_grain_calls_it_makes()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var seen = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    seen.Add(activity.Source.Name);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var user = Fixture.NewUserId();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/telegram/{TelegramGatewayFixture.BotId}")
        {
            Content = new StringContent(Fixture.Load("text", user, text: "hello"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", telegram.WebhookSecret);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await telegram.Http.SendAsync(request)).EnsureSuccessStatusCode();

        // Application: the grain calls themselves (only with activity propagation; storage and activation spans come either way).
        await Eventually.HoldsAsync(() => seen.Contains("Conversations.Channels.Telegram") && seen.Contains("Microsoft.Orleans.Application"),
            "the webhook's span and the grain calls' spans in the caller's trace");
    }

    private async Task<string> ScrapeAsync() => await telegram.Http.GetStringAsync("/metrics");

    /// <summary>Sum of the samples of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Metric(string exposition, string name, string? label = null) =>
        exposition.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>[-+0-9.eE]+|NaN)(\s+\d+)?$")]
    private static partial Regex SampleLine();
}
