using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Channels.Notifications;
using Conversations.Testing;
using Conversations.Testing.EventsOut;

namespace Conversations.Api.Tests.EventsOut;

/// <summary>
/// Events out through the real host: an admin subscribes a real HTTP endpoint, a widget visitor writes, and the endpoint
/// receives the conversation's events signed and in order; the delivery log, redelivery, masked secrets, bad input and
/// tenant isolation.
/// </summary>
public sealed class WebhookEventsTests(WebhookApiFixture fixture) : IClassFixture<WebhookApiFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_subscribed_endpoint_receives_the_conversations_messages_and_status_signed_and_in_order()
    {
        using var admin = await fixture.DemoAsync();
        var (subscription, secret) = await SubscribeAsync(admin, _receiver.Url, "message.created", "conversation.status_changed");

        var conversation = await fixture.VisitorWritesAsync("demo", "первое", "второе", "оператор");
        await Eventually.HoldsAsync(() => Task.FromResult(Of(conversation).Any(r => r.Type == "conversation.status_changed"
            && r.Data.GetProperty("status").GetString() == "waiting")), "the handoff heard", TimeSpan.FromSeconds(20));

        // Every queued event of the conversation delivered (the bot's answer to the handoff may still be on its way).
        List<JsonElement> ours = [];
        await Eventually.HoldsAsync(async () =>
        {
            var log = await admin.GetAsync($"/api/v1/admin/webhooks/{subscription}/deliveries?limit=200");
            ours = [.. log.EnumerateArray().Where(d => d.GetProperty("payload").GetProperty("data").GetProperty("conversationId").GetGuid() == conversation)];
            return ours.All(d => d.GetProperty("status").GetString() == "delivered") && ours.Count == Of(conversation).Count;
        }, "every queued event delivered", TimeSpan.FromSeconds(20));

        var received = Of(conversation);
        Assert.All(received, r => Assert.True(WebhookSignature.Verify(secret, long.Parse(r.Timestamp!, CultureInfo.InvariantCulture), r.Body, r.Signature!), r.Body));
        Assert.All(received, r => Assert.Equal(r.Type, r.Event));
        var customerTexts = received.Where(r => r.Type == "message.created" && r.Data.GetProperty("author").GetString() == "customer")
            .Select(r => r.Data.GetProperty("text").GetString()).ToList();
        Assert.Equal(["первое", "второе", "оператор"], customerTexts);
        var seqs = received.Select(r => long.Parse(r.Json.GetProperty("id").GetString()!.Split('.')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(seqs.Order(), seqs); // in the conversation's order
        Assert.Contains(received, r => r.Type == "message.created" && r.Data.GetProperty("author").GetString() == "bot");
        Assert.Equal(received.Count, received.Select(r => r.Json.GetProperty("id").GetString()).Distinct().Count());

        Assert.Equal(received.Select(r => r.Json.GetProperty("id").GetString()).Order(), ours.Select(d => d.GetProperty("eventId").GetString()).Order());
        Assert.All(ours, d =>
        {
            var attempt = Assert.Single(d.GetProperty("attempts").EnumerateArray());
            Assert.Equal(200, attempt.GetProperty("statusCode").GetInt32());
            Assert.True(attempt.GetProperty("latencyMs").GetInt32() >= 0);
        });
    }

    [Fact]
    public async Task A_redelivery_sends_the_same_event_again_and_the_secret_is_shown_once()
    {
        using var admin = await fixture.DemoAsync();
        var (subscription, secret) = await SubscribeAsync(admin, _receiver.Url, "message.created");
        var conversation = await fixture.VisitorWritesAsync("demo", "привет");
        await Eventually.HoldsAsync(() => Task.FromResult(Of(conversation).Count > 0), "the message heard", TimeSpan.FromSeconds(20));
        var first = Of(conversation)[0];

        var redeliver = await admin.PostAsync($"/api/v1/admin/webhooks/{subscription}/deliveries/{Guid.Parse(first.Delivery!)}/redeliver");
        await Eventually.HoldsAsync(() => Task.FromResult(Of(conversation).Count(r => r.Delivery == first.Delivery) == 2), "the redelivery", TimeSpan.FromSeconds(20));
        var listed = (await admin.GetAsync("/api/v1/admin/webhooks")).EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == subscription);

        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        Assert.Equal(first.Body, Of(conversation).Last(r => r.Delivery == first.Delivery).Body);
        Assert.Equal("…" + secret[^4..], listed.GetProperty("secretHint").GetString());
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_hears_nothing_of_this_one_and_cannot_read_redeliver_or_remove_its_subscription()
    {
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        await using var rivalEndpoint = await WebhookReceiver.StartAsync();
        var (subscription, _) = await SubscribeAsync(demo, _receiver.Url, "message.created");
        await SubscribeAsync(rival, rivalEndpoint.Url, "message.created");
        var conversation = await fixture.VisitorWritesAsync("demo", "только для demo");
        await Eventually.HoldsAsync(() => Task.FromResult(Of(conversation).Count > 0), "demo's endpoint heard it", TimeSpan.FromSeconds(20));
        var delivery = Guid.Parse(Of(conversation)[0].Delivery!);

        Assert.DoesNotContain(rivalEndpoint.Received, r => r.Body.Contains(conversation.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain((await rival.GetAsync("/api/v1/admin/webhooks")).EnumerateArray(), s => s.GetProperty("id").GetGuid() == subscription);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.Http.GetAsync($"/api/v1/admin/webhooks/{subscription}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsync($"/api/v1/admin/webhooks/{subscription}/deliveries/{delivery}/redeliver")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.Http.DeleteAsync($"/api/v1/admin/webhooks/{subscription}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await demo.Http.GetAsync($"/api/v1/admin/webhooks/{subscription}/deliveries")).StatusCode);
    }

    [Theory]
    [InlineData("""{"url":"ftp://crm.example/hook","events":["message.created"]}""", "$.url")]
    [InlineData("""{"url":"https://10.0.0.5/hook","events":["message.created"]}""", "$.url")]
    [InlineData("""{"url":"https://crm.example/hook","events":[]}""", "$.events")]
    [InlineData("""{"url":"https://crm.example/hook","events":["message.created","order.paid"]}""", "$.events[1]")]
    public async Task A_bad_subscription_is_a_400_naming_the_field(string body, string field)
    {
        using var admin = await fixture.DemoAsync();
        var response = await admin.Http.PostAsync("/api/v1/admin/webhooks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(field + ":", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    internal static async Task<(Guid Id, string Secret)> SubscribeAsync(ApiSession admin, string url, params string[] events)
    {
        var created = await (await admin.PostAsync("/api/v1/admin/webhooks", new { url, events })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    private List<ReceivedWebhook> Of(Guid conversation) =>
        [.. _receiver.Received.Where(r => r.Data.TryGetProperty("conversationId", out var id) && id.GetGuid() == conversation)];
}
