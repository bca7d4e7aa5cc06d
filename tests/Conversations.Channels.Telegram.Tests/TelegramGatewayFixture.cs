using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Grains.Customers;
using Conversations.Testing;
using Conversations.Testing.Telegram;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// The real host (embedded, on a fake clock) with a tenant whose Telegram bot is connected through the platform API
/// in webhook mode, and the Bot API stand-in the host's Telegram.Bot client talks to.
/// </summary>
public class TelegramGatewayFixture : IAsyncLifetime
{
    public const string Token = "777000:AAE-test-token-abcdefghijklmnopqrstuvw";
    public const long BotId = 777000;

    public TelegramBotApiStandIn BotApi { get; private set; } = null!;

    public ConversationsApp App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public Guid TenantId { get; private set; }

    public string WebhookSecret { get; private set; } = "";

    protected virtual string? Postgres => null;

    /// <summary>Settings of the host (a subclass adds its own).</summary>
    protected virtual Dictionary<string, string?> Settings => new() { ["Channels:Telegram:PublicBaseUrl"] = "https://bots.example.com" };

    public virtual async Task InitializeAsync()
    {
        BotApi = await TelegramBotApiStandIn.StartAsync();
        BotApi.AddBot(Token, BotId, "shop_bot");
        App = new ConversationsApp(Postgres, BotApi.BaseUrl, Clock, seedDemo: false, settings: Settings);
        Http = App.CreateClient();
        Http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);

        var tenant = await (await Http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "shop", name = "Shop", adminUsername = "admin", adminPassword = "admin-password" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<Api.Contracts.Platform.TenantCreated>(TestJson.Options);
        TenantId = tenant!.Tenant.TenantId;
        (await Http.PostAsJsonAsync("/api/v1/platform/tenants/shop/telegram-bots", new { token = Token, mode = "Webhook" })).EnsureSuccessStatusCode();
        WebhookSecret = BotApi.Succeeded("setWebhook")[^1].Field("secret_token")!;
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await BotApi.DisposeAsync();
    }

    /// <summary>Posts an update to the bot's webhook as Telegram would (with the secret unless told otherwise).</summary>
    public async Task<HttpResponseMessage> PostUpdateAsync(string json, string? secret = "use-registered")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/telegram/{BotId}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret == "use-registered" ? WebhookSecret : secret);
        }

        return await Http.SendAsync(request);
    }

    public IChannelIdentityGrain Identity(long userId) =>
        App.Grains.GetGrain<IChannelIdentityGrain>(new ChannelIdentityKey(TenantId, ChannelKind.Telegram, BotId.ToString(CultureInfo.InvariantCulture),
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

    /// <summary>Messages the stand-in accepted for this chat.</summary>
    public IReadOnlyList<BotApiCall> RepliesTo(long userId) =>
        [.. BotApi.Succeeded("sendMessage").Concat(BotApi.Succeeded("sendPhoto")).Where(c => c.Field("chat_id") == userId.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Every attempt (failed or not) to send to this chat.</summary>
    public IReadOnlyList<BotApiCall> AttemptsFor(long userId) =>
        [.. BotApi.CallsOf("sendMessage").Where(c => c.Field("chat_id") == userId.ToString(CultureInfo.InvariantCulture))];

    public async Task<DeliveryInfo?> DeliveryOfLastBotMessageAsync(long userId)
    {
        var last = (await HistoryAsync(userId)).LastOrDefault(m => m.Direction == MessageDirection.Bot);
        return last is null ? null : (await App.Outbox.GetDeliveryAsync(TenantId, [last.MessageId])).GetValueOrDefault(last.MessageId);
    }
}
