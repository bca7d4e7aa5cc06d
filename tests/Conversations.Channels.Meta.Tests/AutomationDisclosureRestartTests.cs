using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Conversations.Testing.Meta;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// The bot's disclosure is remembered with the conversation in PostgreSQL: a silo that starts afresh on the same
/// database neither says it again to a customer it was said to nor says it again for Meta's redelivery of the first message.
/// </summary>
public sealed class AutomationDisclosureRestartTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private GraphApiStandIn _graph = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _graph = await GraphApiStandIn.StartAsync();
        _graph.AddPage(MessengerPlatformDriver.PageId, MessengerPlatformDriver.PageToken, "Shop");
    }

    public async Task DisposeAsync()
    {
        await _graph.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task After_a_silo_restart_neither_a_redelivery_nor_the_next_message_brings_the_disclosure_again()
    {
        var customer = MessengerPlatformDriver.NewCustomer();
        var first = Message(customer, "m_first_" + customer, "hello");
        await using (var app = Start())
        {
            using var http = Client(app);
            var tenant = await http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "shop", name = "Shop", adminUsername = "admin", adminPassword = "admin-password" });
            tenant.EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync("/api/v1/platform/tenants/shop/messenger-pages",
                new { appId = WhatsAppGatewayFixture.AppId, accountId = MessengerPlatformDriver.PageId, accessToken = MessengerPlatformDriver.PageToken })).EnsureSuccessStatusCode();
            (await DeliverAsync(http, first)).EnsureSuccessStatusCode();
            await Eventually.HoldsAsync(() => Sent(customer).Count >= 2, "the disclosure and the bot's reply");
        }

        await using (var app = Start())
        {
            using var http = Client(app);
            (await DeliverAsync(http, first)).EnsureSuccessStatusCode();
            (await DeliverAsync(http, Message(customer, "m_second_" + customer, "and another question"))).EnsureSuccessStatusCode();
            await Eventually.HoldsAsync(() => Sent(customer).Count >= 3, "the reply to the second message");
        }

        var disclosure = TenantTexts.Defaults[TenantTexts.AutomationDisclosure];
        Assert.Equal(3, Sent(customer).Count);
        Assert.Equal(disclosure, Sent(customer)[0].Field("message.text"));
        Assert.Single(Sent(customer), c => c.Field("message.text") == disclosure);
    }

    private ConversationsApp Start() => new(_database.ConnectionString, null, _clock, seedDemo: false, settings: new Dictionary<string, string?>
    {
        ["Channels:Meta:GraphBaseUrl"] = _graph.BaseUrl,
        ["Channels:Meta:Apps:0:AppId"] = WhatsAppGatewayFixture.AppId,
        ["Channels:Meta:Apps:0:AppSecret"] = WhatsAppGatewayFixture.AppSecret,
        ["Channels:Meta:Apps:0:VerifyToken"] = WhatsAppGatewayFixture.VerifyToken,
    });

    private static HttpClient Client(ConversationsApp app)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        return http;
    }

    private static byte[] Message(string customer, string mid, string text) =>
        GraphApiStandIn.PlatformNotification("page", GraphApiStandIn.PlatformEntry(MessengerPlatformDriver.PageId,
            GraphApiStandIn.PlatformEvent(customer, MessengerPlatformDriver.PageId, "message", new JsonObject { ["mid"] = mid, ["text"] = text })));

    private Task<HttpResponseMessage> DeliverAsync(HttpClient http, byte[] body) =>
        _graph.DeliverPlatformWebhookAsync(http, WhatsAppGatewayFixture.AppId, body, WhatsAppGatewayFixture.AppSecret);

    private IReadOnlyList<GraphCall> Sent(string customer) => _graph.PageSentTo(MessengerPlatformDriver.PageId, customer);
}
