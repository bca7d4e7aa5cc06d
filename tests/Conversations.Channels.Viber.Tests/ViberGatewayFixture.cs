using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Testing;
using Conversations.Testing.Viber;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Viber.Tests;

/// <summary>
/// The real host (embedded, on a fake clock) with a tenant whose Viber bot is connected through the platform API
/// (the webhook set on the Viber API stand-in, which checked it against the app), and that stand-in.
/// </summary>
public class ViberGatewayFixture : IAsyncLifetime
{
    public const string Token = "4a5b6c7d8e9f0a1b-2c3d4e5f6a7b8c9d-0e1f2a3b4c5d6e7f";
    public const string BotId = "pa:5612345678901234567";
    public const string BotName = "Shop bot";
    public const string PublicBaseUrl = "https://bots.example.com";

    private static int _nextUser;

    public ViberApiStandIn Viber { get; private set; } = null!;

    public ConversationsApp App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public ViberGatewayFixture()
        : this(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>A fixture whose clock starts at <paramref name="start"/> (real now for tests that sign in: tokens are checked against real time).</summary>
    protected ViberGatewayFixture(DateTimeOffset start) => Clock = new(start);

    public FakeTimeProvider Clock { get; }

    public Guid TenantId { get; private set; }

    /// <summary>The answer to connecting the bot.</summary>
    public JsonObject Connection { get; private set; } = null!;

    /// <summary>A new customer id in Viber's form (base64 of 16 bytes).</summary>
    public static string NewUserId() => Convert.ToBase64String(BitConverter.GetBytes((long)Interlocked.Increment(ref _nextUser)).Concat(new byte[8]).ToArray());

    public static string WebhookPath => $"/webhooks/viber/{Uri.EscapeDataString(BotId)}";

    public virtual async Task InitializeAsync()
    {
        Viber = await ViberApiStandIn.StartAsync();
        Viber.AddBot(Token, BotId, BotName);
        App = new ConversationsApp(null, null, Clock, seedDemo: false, settings: new Dictionary<string, string?>
        {
            ["Channels:Viber:ApiBaseUrl"] = Viber.BaseUrl,
            ["Channels:Viber:PublicBaseUrl"] = PublicBaseUrl,
        });
        Http = App.CreateClient();
        Http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        Viber.CheckWebhooksWith(Http);
        Viber.FetchMediaWith(App.CreateClient(), PublicBaseUrl);

        var tenant = await (await Http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "shop", name = "Shop", adminUsername = "admin", adminPassword = "admin-password" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<Conversations.Api.Contracts.Platform.TenantCreated>(TestJson.Options);
        TenantId = tenant!.Tenant.TenantId;
        var connected = await (await Http.PostAsJsonAsync("/api/v1/platform/tenants/shop/viber-bots", new { token = Token })).EnsureSuccessStatusCode()
            .Content.ReadAsStringAsync();
        Connection = JsonNode.Parse(connected)!.AsObject();
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Viber.DisposeAsync();
    }

    /// <summary>Posts a callback signed with the bot's token.</summary>
    public async Task<HttpResponseMessage> CallbackAsync(string body) =>
        await Viber.DeliverAsync(Http, WebhookPath, System.Text.Encoding.UTF8.GetBytes(body), ViberApiStandIn.Headers(Token, System.Text.Encoding.UTF8.GetBytes(body)));

    /// <summary>A text message callback from <paramref name="userId"/>.</summary>
    public string Text(string userId, string text, string? trackingData = null)
    {
        var message = new JsonObject { ["type"] = "text", ["text"] = text };
        if (trackingData is not null)
        {
            message["tracking_data"] = trackingData;
        }

        return Viber.MessageCallback(BotId, userId, message);
    }

    public IChannelIdentityGrain Identity(string userId) =>
        App.Grains.GetGrain<IChannelIdentityGrain>(new ChannelIdentityKey(TenantId, ChannelKind.Viber, BotId, userId).ToGrainKey());

    public async Task<CustomerProfile?> CustomerAsync(string userId) =>
        await Identity(userId).GetCustomerIdAsync() is { } customerId
            ? await App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(TenantId, customerId).ToGrainKey()).GetProfileAsync()
            : null;

    public async Task<IReadOnlyList<ChatMessage>> HistoryAsync(string userId, bool includeBot = true)
    {
        var customer = await CustomerAsync(userId);
        if (customer?.CurrentConversationId is not { } conversationId)
        {
            return [];
        }

        return await App.Grains.GetGrain<IConversationGrain>(new ConversationKey(TenantId, conversationId).ToGrainKey())
            .GetHistoryAsync(new HistoryQuery(IncludeBot: includeBot, IncludeEvents: false));
    }

    public async Task<DeliveryInfo?> DeliveryOfLastBotMessageAsync(string userId)
    {
        var last = (await HistoryAsync(userId)).LastOrDefault(m => m.Direction == MessageDirection.Bot);
        return last is null ? null : (await App.Outbox.GetDeliveryAsync(TenantId, [last.MessageId])).GetValueOrDefault(last.MessageId);
    }

    public async Task<ChannelAccount?> AccountAsync() =>
        await App.Grains.GetGrain<IChannelAccountGrain>(new ChannelAccountKey(ChannelKind.Viber, BotId).ToGrainKey()).GetAsync();
}
