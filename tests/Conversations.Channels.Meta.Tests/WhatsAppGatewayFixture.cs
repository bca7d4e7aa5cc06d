using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Grains.Customers;
using Conversations.Testing;
using Conversations.Testing.Meta;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// The real host (embedded, on a fake clock) with a tenant whose WhatsApp number is connected through the platform API,
/// and the Graph API stand-in the host talks to and that signs webhooks as Meta does.
/// </summary>
public class WhatsAppGatewayFixture : IAsyncLifetime
{
    public const string AppId = "1234567890";
    public const string AppSecret = "app-secret-0123456789abcdef";
    public const string VerifyToken = "verify-token-42";
    public const string PhoneNumberId = "106540352242922";
    public const string WabaId = "102290129340398";
    public const string Token = "EAAG-test-system-user-token-abcdefghijklmnop";

    private static long _next = 16_505_550_000;

    public GraphApiStandIn Graph { get; private set; } = null!;

    public ConversationsApp App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public WhatsAppGatewayFixture()
        : this(TimeSpan.Zero)
    {
    }

    /// <summary>A fixture whose clock starts <paramref name="behindRealTime"/> before now (to move it to now before signing in).</summary>
    protected WhatsAppGatewayFixture(TimeSpan behindRealTime) => Clock = new(DateTimeOffset.UtcNow - behindRealTime);

    /// <summary>Starts at the real time: sign-in tokens are checked against it, so a fixed date would expire them.</summary>
    public FakeTimeProvider Clock { get; }

    public Guid TenantId { get; private set; }

    /// <summary>Where the host serves on loopback when <see cref="ServeOnLoopback"/> (for a browser); null otherwise.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>True: the host serves on a real loopback port (a browser test), not only in memory.</summary>
    protected virtual bool ServeOnLoopback => false;

    /// <summary>The PostgreSQL connection string of the host's stores; null: in memory.</summary>
    protected virtual string? Postgres => null;

    /// <summary>A new customer's wa_id.</summary>
    public static string NewCustomer() => Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

    /// <summary>A new WhatsApp message id.</summary>
    public static string NewMessageId() => "wamid." + Guid.NewGuid().ToString("N");

    public virtual async Task InitializeAsync()
    {
        Graph = await GraphApiStandIn.StartAsync();
        Graph.AddPhoneNumber(PhoneNumberId, Token, "+1 555-078-3881", "Shop");
        App = new ConversationsApp(Postgres, null, Clock, seedDemo: false, settings: new Dictionary<string, string?>
        {
            ["Channels:Meta:GraphBaseUrl"] = Graph.BaseUrl,
            ["Channels:Meta:PublicBaseUrl"] = "https://chat.example.com",
            ["Channels:Meta:Apps:0:AppId"] = AppId,
            ["Channels:Meta:Apps:0:AppSecret"] = AppSecret,
            ["Channels:Meta:Apps:0:VerifyToken"] = VerifyToken,
        }.Concat(ExtraSettings()).ToDictionary());
        if (ServeOnLoopback)
        {
            BaseAddress = App.StartKestrel();
            Http = new HttpClient { BaseAddress = BaseAddress };
        }
        else
        {
            Http = App.CreateClient();
        }

        Http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);

        var tenant = await (await Http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "shop", name = "Shop", adminUsername = "admin", adminPassword = "admin-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Api.Contracts.Platform.TenantCreated>(TestJson.Options);
        TenantId = tenant!.Tenant.TenantId;
        (await ConnectAsync(new { appId = AppId, phoneNumberId = PhoneNumberId, wabaId = WabaId, accessToken = Token })).EnsureSuccessStatusCode();
    }

    /// <summary>More host settings a derived fixture needs (an SMTP server for the business's notifications).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Graph.DisposeAsync();
    }

    public Task<HttpResponseMessage> ConnectAsync(object request) => Http.PostAsJsonAsync("/api/v1/platform/tenants/shop/whatsapp-numbers", request);

    /// <summary>Sends a webhook body signed with the app secret (or <paramref name="secret"/>; none when null).</summary>
    public Task<HttpResponseMessage> DeliverAsync(byte[] body, string? secret = AppSecret, string appId = AppId) =>
        Graph.DeliverWebhookAsync(Http, appId, body, secret);

    /// <summary>One message in one entry and change, as Meta sends a single message.</summary>
    public static byte[] OneMessage(JsonObject message) =>
        GraphApiStandIn.Notification(GraphApiStandIn.Entry(WabaId, GraphApiStandIn.Change(PhoneNumberId, [message])));

    public async Task<IReadOnlyList<ChatMessage>> HistoryAsync(string waId, bool includeBot = true)
    {
        var identity = App.Grains.GetGrain<IChannelIdentityGrain>(new ChannelIdentityKey(TenantId, ChannelKind.WhatsApp, PhoneNumberId, waId).ToGrainKey());
        if (await identity.GetCustomerIdAsync() is not { } customerId
            || (await App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(TenantId, customerId).ToGrainKey()).GetProfileAsync())?.CurrentConversationId is not { } conversationId)
        {
            return [];
        }

        return await App.Grains.GetGrain<IConversationGrain>(new ConversationKey(TenantId, conversationId).ToGrainKey())
            .GetHistoryAsync(new HistoryQuery(IncludeBot: includeBot, IncludeEvents: false));
    }

    public async Task<IReadOnlyList<ChatMessage>> CustomerMessagesAsync(string waId) =>
        [.. (await HistoryAsync(waId)).Where(m => m.Direction == MessageDirection.Customer)];
}
