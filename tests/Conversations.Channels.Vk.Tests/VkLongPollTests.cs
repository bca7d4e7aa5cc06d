using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Testing;
using Conversations.Testing.Vk;

namespace Conversations.Channels.Vk.Tests;

/// <summary>A community connected without a public URL: the Bots Long Poll mode.</summary>
public sealed class VkLongPollTests : IAsyncLifetime
{
    private const long GroupId = 229000222;
    private const string Token = "vk1.a.long-poll-community-token-abcdefghijklmnop";

    private VkApiStandIn _vk = null!;
    private ConversationsApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _vk = await VkApiStandIn.StartAsync();
        _vk.AddCommunity(Token, GroupId, "No public URL");
        _app = new ConversationsApp(seedDemo: false, settings: new Dictionary<string, string?> { ["Channels:Vk:ApiBaseUrl"] = _vk.BaseUrl });
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await _http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "lp-shop", name = "LP shop", adminUsername = "admin", adminPassword = "admin-password" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _vk.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_public_url_the_community_is_polled_and_its_messages_are_stored_once_and_answered()
    {
        var response = await _http.PostAsJsonAsync("/api/v1/platform/tenants/lp-shop/vk-communities", new { groupId = GroupId, token = Token });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var connection = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(connection["callbackServerRegistered"]!.GetValue<bool>());
        Assert.Contains("Long Poll", (string?)connection["note"], StringComparison.Ordinal);
        Assert.Equal("Polling", (string?)connection["account"]!["mode"]);
        Assert.Empty(_vk.CallsOf("groups.addCallbackServer"));
        var settings = Assert.Single(_vk.Succeeded("groups.setLongPollSettings"));
        Assert.Equal(("1", "1", "1", "5.199"), (settings.Field("enabled"), settings.Field("message_new"), settings.Field("message_event"), settings.Field("api_version")));

        const long user = 880_001;
        _vk.QueueLongPoll(GroupId, "message_new", VkGatewayFixture.MessageNew(user, "hello by long poll"), eventId: "lp-event-1");
        _vk.ExpireLongPollKey(GroupId); // the first request finds its key expired: a new key, the same ts, nothing lost

        // The poll loop starts with the registry's next round (every 15 s of real time).
        await Eventually.HoldsAsync(() => _vk.SeenBy(user).Count == 1, "the bot's reply to the polled message", TimeSpan.FromSeconds(45));
        _vk.QueueLongPoll(GroupId, "message_new", VkGatewayFixture.MessageNew(user, "hello by long poll"), eventId: "lp-event-1"); // a repeat
        _vk.QueueLongPoll(GroupId, "message_new", VkGatewayFixture.MessageNew(user, "second"), eventId: "lp-event-2");
        await Eventually.HoldsAsync(() => _vk.SeenBy(user).Count == 2, "the reply to the second message", TimeSpan.FromSeconds(45));

        var tenantId = (await _http.GetFromJsonAsync<JsonArray>("/api/v1/platform/tenants"))!
            .Single(t => (string?)t!["slug"] == "lp-shop")!["tenantId"]!.GetValue<Guid>();
        var identity = _app.Grains.GetGrain<Abstractions.Customers.IChannelIdentityGrain>(
            new ChannelIdentityKey(tenantId, ChannelKind.Vk, GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture), user.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToGrainKey());
        var customerId = await identity.GetCustomerIdAsync();
        var customer = await _app.Grains.GetGrain<Abstractions.Customers.ICustomerGrain>(new Abstractions.Customers.CustomerKey(tenantId, customerId!.Value).ToGrainKey()).GetProfileAsync();
        var history = await _app.Grains.GetGrain<Abstractions.Conversations.IConversationGrain>(
            new Abstractions.Conversations.ConversationKey(tenantId, customer!.CurrentConversationId!.Value).ToGrainKey())
            .GetHistoryAsync(new Abstractions.Conversations.HistoryQuery(IncludeBot: false, IncludeEvents: false));
        Assert.Equal(["hello by long poll", "second"], history.Where(m => m.Direction == MessageDirection.Customer).Select(m => m.Content.ToPlainText()));
    }
}
