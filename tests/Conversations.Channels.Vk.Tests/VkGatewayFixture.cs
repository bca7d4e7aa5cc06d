using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Testing;
using Conversations.Testing.Vk;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Vk.Tests;

/// <summary>
/// The real host (embedded, on a fake clock) with a tenant whose VK community is connected through the platform API
/// (the Callback server provisioned on the VK API stand-in), and that stand-in.
/// </summary>
public class VkGatewayFixture : IAsyncLifetime
{
    public const string Token = "vk1.a.test-community-token-abcdefghijklmnopqrstuvwxyz";
    public const long GroupId = 229000111;

    private static long _nextUser = 700_000;

    public VkApiStandIn Vk { get; private set; } = null!;

    public ConversationsApp App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public VkGatewayFixture()
        : this(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>A fixture whose clock starts at <paramref name="start"/> (real now for tests that sign in: tokens are checked against real time).</summary>
    protected VkGatewayFixture(DateTimeOffset start) => Clock = new(start);

    public FakeTimeProvider Clock { get; }

    public Guid TenantId { get; private set; }

    /// <summary>The secret the connector gave VK with the Callback server.</summary>
    public string Secret { get; private set; } = "";

    public static long NewUserId() => Interlocked.Increment(ref _nextUser);

    public virtual async Task InitializeAsync()
    {
        Vk = await VkApiStandIn.StartAsync();
        Vk.AddCommunity(Token, GroupId, "Shop community");
        App = new ConversationsApp(null, null, Clock, seedDemo: false, settings: new Dictionary<string, string?>
        {
            ["Channels:Vk:ApiBaseUrl"] = Vk.BaseUrl,
            ["Channels:Vk:PublicBaseUrl"] = "https://bots.example.com",
            // Outbound images are fetched from the stand-in's files, on loopback.
            ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
        });
        Http = App.CreateClient();
        Http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);

        var tenant = await (await Http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "shop", name = "Shop", adminUsername = "admin", adminPassword = "admin-password" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<Conversations.Api.Contracts.Platform.TenantCreated>(TestJson.Options);
        TenantId = tenant!.Tenant.TenantId;
        (await Http.PostAsJsonAsync("/api/v1/platform/tenants/shop/vk-communities", new { groupId = GroupId, token = Token })).EnsureSuccessStatusCode();
        Secret = Vk.Succeeded("groups.addCallbackServer")[^1].Field("secret_key")!;
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Vk.DisposeAsync();
    }

    /// <summary>A message_new object from <paramref name="userId"/> in their private chat with the community.</summary>
    public static JsonObject MessageNew(long userId, string text, JsonArray? attachments = null, string? payload = null, JsonObject? geo = null)
    {
        var message = new JsonObject
        {
            ["date"] = 1_795_000_000,
            ["from_id"] = userId,
            ["id"] = Interlocked.Increment(ref _nextUser),
            ["out"] = 0,
            ["version"] = 1,
            ["attachments"] = attachments ?? [],
            ["conversation_message_id"] = 1,
            ["fwd_messages"] = new JsonArray(),
            ["important"] = false,
            ["is_hidden"] = false,
            ["peer_id"] = userId,
            ["random_id"] = 0,
            ["text"] = text,
        };
        if (payload is not null)
        {
            message["payload"] = payload;
        }

        if (geo is not null)
        {
            message["geo"] = geo;
        }

        return new JsonObject
        {
            ["message"] = message,
            ["client_info"] = new JsonObject
            {
                ["button_actions"] = new JsonArray("text", "vkpay", "open_app", "location", "open_link", "callback", "intent_subscribe", "intent_unsubscribe"),
                ["keyboard"] = true,
                ["inline_keyboard"] = true,
                ["carousel"] = true,
                ["lang_id"] = 0,
            },
        };
    }

    /// <summary>A signed notification body for the connected community.</summary>
    public string Notification(string type, JsonObject? eventObject, string? eventId = null) => Vk.Notification(GroupId, type, eventObject, Secret, eventId);

    public Task<HttpResponseMessage> NotifyAsync(string body) => Vk.NotifyAsync(Http, GroupId, body);

    public IChannelIdentityGrain Identity(long userId) =>
        App.Grains.GetGrain<IChannelIdentityGrain>(new ChannelIdentityKey(TenantId, ChannelKind.Vk, GroupId.ToString(CultureInfo.InvariantCulture),
            userId.ToString(CultureInfo.InvariantCulture)).ToGrainKey());

    public async Task<CustomerProfile?> CustomerAsync(long userId) =>
        await Identity(userId).GetCustomerIdAsync() is { } customerId
            ? await App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(TenantId, customerId).ToGrainKey()).GetProfileAsync()
            : null;

    public async Task<IReadOnlyList<ChatMessage>> HistoryAsync(long userId, bool includeBot = true)
    {
        var customer = await CustomerAsync(userId);
        if (customer?.CurrentConversationId is not { } conversationId)
        {
            return [];
        }

        return await App.Grains.GetGrain<IConversationGrain>(new ConversationKey(TenantId, conversationId).ToGrainKey())
            .GetHistoryAsync(new HistoryQuery(IncludeBot: includeBot, IncludeEvents: false));
    }

    public async Task<DeliveryInfo?> DeliveryOfLastBotMessageAsync(long userId)
    {
        var last = (await HistoryAsync(userId)).LastOrDefault(m => m.Direction == MessageDirection.Bot);
        return last is null ? null : (await App.Outbox.GetDeliveryAsync(TenantId, [last.MessageId])).GetValueOrDefault(last.MessageId);
    }

    /// <summary>Every messages.send attempt to <paramref name="userId"/>.</summary>
    public IReadOnlyList<VkApiCall> SendsTo(long userId) =>
        [.. Vk.CallsOf("messages.send").Where(c => c.Field("peer_id") == userId.ToString(CultureInfo.InvariantCulture))];
}
