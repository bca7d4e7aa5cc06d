using System.Net;
using System.Net.Http.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Channels;
using Conversations.Testing;
using Conversations.Testing.Telegram;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>Connecting bots through the platform API: token check, webhook registration, long polling.</summary>
public sealed class TelegramConnectionTests : IAsyncLifetime
{
    private TelegramBotApiStandIn _botApi = null!;
    private ConversationsApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _botApi = await TelegramBotApiStandIn.StartAsync();
        _app = new ConversationsApp(telegramApi: _botApi.BaseUrl, seedDemo: false,
            settings: new Dictionary<string, string?> { ["Channels:Telegram:PublicBaseUrl"] = "https://bots.example.com/" });
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await _http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "polling-shop", name = "Polling shop", adminUsername = "admin", adminPassword = "admin-password" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _botApi.DisposeAsync();
    }

    [Fact]
    public async Task Connecting_in_webhook_mode_registers_the_webhook_url_with_a_secret()
    {
        _botApi.AddBot("111222:AAE-webhook-token-abcdefghijklmnopq", 111222, "webhook_bot");

        var response = await _http.PostAsJsonAsync("/api/v1/platform/tenants/polling-shop/telegram-bots",
            new { token = "111222:AAE-webhook-token-abcdefghijklmnopq", mode = "Webhook" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var setWebhook = Assert.Single(_botApi.Succeeded("setWebhook"));
        Assert.Equal("https://bots.example.com/webhooks/telegram/111222", setWebhook.Field("url"));
        Assert.True(setWebhook.Field("secret_token")!.Length >= 32);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("AAE-webhook-token", body, StringComparison.Ordinal); // the token is never shown back
        Assert.DoesNotContain(setWebhook.Field("secret_token")!, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("999:AAE-unknown-token-abcdefghijklmnopq")]
    public async Task A_bad_or_refused_token_is_a_400_that_says_what_to_do(string token)
    {
        var response = await _http.PostAsJsonAsync("/api/v1/platform/tenants/polling-shop/telegram-bots", new { token, mode = "Webhook" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("BotFather", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_polling_bot_receives_updates_by_getUpdates_confirms_the_offset_and_replies()
    {
        _botApi.AddBot("333444:AAE-polling-token-abcdefghijklmnopq", 333444, "polling_bot");
        var response = await _http.PostAsJsonAsync("/api/v1/platform/tenants/polling-shop/telegram-bots",
            new { token = "333444:AAE-polling-token-abcdefghijklmnopq", mode = "Polling" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(_botApi.Succeeded("deleteWebhook"));

        var user = Fixture.NewUserId();
        _botApi.QueueUpdate(Fixture.Load("text", user, updateId: 5001, text: "polled hello"));
        _botApi.QueueUpdate(Fixture.Load("text", user, updateId: 5002, text: "second"));

        await Eventually.HoldsAsync(() => _botApi.Succeeded("sendMessage").Count(c => c.Field("chat_id") == user.ToString(System.Globalization.CultureInfo.InvariantCulture)) == 2,
            "two bot replies through polling", TimeSpan.FromSeconds(40));
        await Eventually.HoldsAsync(() => _botApi.CallsOf("getUpdates").Any(c => c.Field("offset") == "5003"), "getUpdates confirming offset 5003", TimeSpan.FromSeconds(40));

        // Updates re-served after the confirmation would be stored again if offsets were wrong: count the stored messages.
        var history = await HistoryAsync(user);
        Assert.Equal(["polled hello", "second"], history.Where(m => m.Direction == MessageDirection.Customer).Select(m => m.Content.ToPlainText()));
    }

    [Fact]
    public async Task A_polled_update_with_a_date_out_of_range_is_stored_and_one_that_is_no_update_is_passed_over_without_stalling_the_bot()
    {
        _botApi.AddBot("333444:AAE-polling-token-abcdefghijklmnopq", 333444, "polling_bot");
        (await _http.PostAsJsonAsync("/api/v1/platform/tenants/polling-shop/telegram-bots",
            new { token = "333444:AAE-polling-token-abcdefghijklmnopq", mode = "Polling" })).EnsureSuccessStatusCode();
        var user = Fixture.NewUserId();

        // Telegram.Bot cannot hold a date past 9999 and would fail the whole getUpdates answer at this offset for ever.
        _botApi.QueueUpdate(Fixture.Load("text", user, updateId: 6001, text: "from the far future").Replace("\"date\":1790000000", "\"date\":99999999999", StringComparison.Ordinal));
        _botApi.QueueUpdate("""{"update_id": 6002, "message": {"message_id": "not a number", "chat": 7}}""");
        _botApi.QueueUpdate(Fixture.Load("text", user, updateId: 6003, text: "still heard"));

        await Eventually.HoldsAsync(() => _botApi.CallsOf("getUpdates").Any(c => c.Field("offset") == "6004"), "getUpdates confirming offset 6004", TimeSpan.FromSeconds(40));
        var history = await HistoryAsync(user);
        Assert.Equal(["from the far future", "still heard"], history.Where(m => m.Direction == MessageDirection.Customer).Select(m => m.Content.ToPlainText()));
    }

    private async Task<IReadOnlyList<ChatMessage>> HistoryAsync(long user)
    {
        var tenant = await _app.Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync("polling-shop");
        var identity = new ChannelIdentityKey(tenant!.TenantId, ChannelKind.Telegram, "333444", user.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var customerId = await _app.Grains.GetGrain<IChannelIdentityGrain>(identity.ToGrainKey()).GetCustomerIdAsync();
        var profile = await _app.Grains.GetGrain<ICustomerGrain>(new CustomerKey(tenant.TenantId, customerId!.Value).ToGrainKey()).GetProfileAsync();
        return await _app.Grains.GetGrain<IConversationGrain>(
            new ConversationKey(tenant.TenantId, profile!.CurrentConversationId!.Value).ToGrainKey()).GetHistoryAsync(new());
    }
}
