using Conversations.Channels.EventsOut;
using Conversations.Channels.Notifications;
using Conversations.Persistence.EventsOut;
using Conversations.Persistence.InMemory;
using Conversations.Testing.EventsOut;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Api.Tests.EventsOut;

/// <summary>
/// The dispatcher against a real HTTP receiver on a fake clock: signed POSTs, exponential backoff between attempts,
/// giving up after the last one, a conversation's events in order, and a dead endpoint that holds only its own deliveries.
/// </summary>
public sealed class WebhookDispatcherTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryWebhookStore _store = new(new InMemoryConversationStore());
    private readonly WebhookOptions _options = new() { InitialBackoff = TimeSpan.FromSeconds(10), MaxBackoff = TimeSpan.FromSeconds(60), MaxAttempts = 4 };
    private readonly Guid _tenant = Guid.NewGuid();
    private WebhookReceiver _receiver = null!;
    private WebhookDispatcher _dispatcher = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _dispatcher = new WebhookDispatcher(_store, new PlainClients(), _time, Options.Create(_options), NullLogger<WebhookDispatcher>.Instance);
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_failing_endpoint_is_tried_again_after_10_then_20_seconds_and_the_signature_verifies_on_every_attempt()
    {
        var secret = await SubscribeAsync(_receiver.Url);
        await QueueAsync("chat-1", "first");
        _receiver.AnswerNext(500, times: 2);

        var attempted = new List<int> { await _dispatcher.DeliverDueAsync() };
        _time.Advance(TimeSpan.FromSeconds(9));
        attempted.Add(await _dispatcher.DeliverDueAsync());
        _time.Advance(TimeSpan.FromSeconds(1));
        attempted.Add(await _dispatcher.DeliverDueAsync());
        _time.Advance(TimeSpan.FromSeconds(19));
        attempted.Add(await _dispatcher.DeliverDueAsync());
        _time.Advance(TimeSpan.FromSeconds(1));
        attempted.Add(await _dispatcher.DeliverDueAsync());

        Assert.Equal([1, 0, 1, 0, 1], attempted);
        Assert.Equal([500, 500, 200], _receiver.Received.Select(r => r.Answered));
        Assert.All(_receiver.Received, r => Assert.True(WebhookSignature.Verify(secret, long.Parse(r.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), r.Body, r.Signature!)));
        Assert.Equal([Start, Start.AddSeconds(10), Start.AddSeconds(30)],
            _receiver.Received.Select(r => DateTimeOffset.FromUnixTimeSeconds(long.Parse(r.Timestamp!, System.Globalization.CultureInfo.InvariantCulture))));
        var delivery = Assert.Single((await _store.ListDeliveriesAsync(_tenant, (await _store.ListSubscriptionsAsync(_tenant))[0].Id, 10))!);
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal([500, 500, 200], delivery.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task After_the_last_attempt_a_delivery_is_failed_and_the_conversations_next_event_goes_out()
    {
        await SubscribeAsync(_receiver.Url);
        await QueueAsync("chat-1", "first");
        await QueueAsync("chat-1", "second");
        _receiver.AnswerNext(503, times: 4);

        // Backoff 10, 20, 40 s (capped at 60): four attempts, then given up.
        foreach (var wait in new[] { 0, 10, 20, 40 })
        {
            _time.Advance(TimeSpan.FromSeconds(wait));
            Assert.Equal(1, await _dispatcher.DeliverDueAsync());
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        await _dispatcher.DeliverDueAsync();

        Assert.Equal(["first", "first", "first", "first", "second"], _receiver.Received.Select(r => r.Data.GetProperty("text").GetString()));
        var log = (await _store.ListDeliveriesAsync(_tenant, (await _store.ListSubscriptionsAsync(_tenant))[0].Id, 10))!;
        Assert.Equal([WebhookDeliveryStatus.Delivered, WebhookDeliveryStatus.Failed], log.Select(d => d.Status));
    }

    [Fact]
    public async Task A_dead_endpoint_holds_only_its_own_deliveries()
    {
        await SubscribeAsync("http://127.0.0.1:9/dead"); // the discard port: connection refused
        await SubscribeAsync(_receiver.Url);
        await QueueAsync("chat-1", "one");
        await QueueAsync("chat-1", "two");

        await _dispatcher.DeliverDueAsync();
        await _dispatcher.DeliverDueAsync();

        Assert.Equal(["one", "two"], _receiver.Received.Select(r => r.Data.GetProperty("text").GetString()));
        var dead = (await _store.ListSubscriptionsAsync(_tenant)).Single(s => s.Url.EndsWith("/dead", StringComparison.Ordinal));
        var deadLog = (await _store.ListDeliveriesAsync(_tenant, dead.Id, 10))!;
        Assert.All(deadLog, d => Assert.Equal(WebhookDeliveryStatus.Pending, d.Status));
        Assert.Equal([0, 1], deadLog.Select(d => d.Attempts.Count)); // "two" waits behind "one" for this endpoint
        Assert.Null(deadLog[1].Attempts[0].StatusCode);
    }

    private async Task<string> SubscribeAsync(string url)
    {
        var secret = "whsec_" + Guid.NewGuid().ToString("N");
        await _store.AddSubscriptionAsync(new WebhookSubscription(_tenant, Guid.NewGuid(), url, secret, [WebhookEventTypes.MessageCreated], Start.AddHours(-1)));
        return secret;
    }

    private Task QueueAsync(string chat, string text)
    {
        var id = Guid.NewGuid().ToString("N");
        var payload = System.Text.Json.JsonSerializer.Serialize(new { id, type = WebhookEventTypes.MessageCreated, data = new { text } });
        return _store.EnqueueAsync(_tenant, Guid.NewGuid(), 0, 1, [new WebhookEvent(WebhookEventTypes.MessageCreated, id, chat, _time.GetUtcNow(), payload)]);
    }

    private sealed class PlainClients : IHttpClientFactory
    {
        private static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromSeconds(10) };

        public HttpClient CreateClient(string name) => Shared;
    }
}
