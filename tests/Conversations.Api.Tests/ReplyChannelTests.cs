using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Conversations.Testing.Telegram;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>
/// One customer on two channels (a widget visitor and a Telegram user, merged): an operator's reply goes where the
/// customer last wrote, or on the other linked channel the operator chooses (API and console, real Telegram webhook
/// and Bot API stand-in); a channel the rules refuse is a 422 naming the rule, shown in the console.
/// </summary>
public sealed class ReplyChannelTests : IAsyncLifetime
{
    private const string Token = "535353:AAE-reply-channel-token-abcdefghij";
    private const long BotId = 535353;
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 15_000 };

    private TelegramBotApiStandIn _botApi = null!;
    private ConversationsApp _app = null!;
    private Uri _base = null!;
    private string _secret = "";
    private long _nextUser = 7_100_000;

    public async Task InitializeAsync()
    {
        _botApi = await TelegramBotApiStandIn.StartAsync();
        _botApi.AddBot(Token, BotId, "demo_reply_bot");
        _app = new ConversationsApp(telegramApi: _botApi.BaseUrl, seedDemo: true, settings: new Dictionary<string, string?>
        {
            ["Channels:Telegram:PublicBaseUrl"] = "https://bots.example.com",
            ["Auth:LoginAttemptsPerMinute"] = "1000",
        });
        _base = _app.StartKestrel();
        await Eventually.HoldsAsync(async () =>
            await _app.Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync("demo") is { } demo
            && (await _app.Grains.GetGrain<ITenantGrain>(demo.TenantId).GetOperatorsAsync()).ContainsKey("demo")
            && await _app.Grains.GetGrain<IScenarioGrain>(demo.TenantId).GetCurrentAsync() is not null,
            "the demo tenant seeded", TimeSpan.FromSeconds(30));
        using var platform = new HttpClient { BaseAddress = _base };
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants/demo/telegram-bots", new { token = Token, mode = "Webhook" })).EnsureSuccessStatusCode();
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "rival", name = "Rival shop", adminUsername = "boss", adminPassword = "rival-password" }))
            .EnsureSuccessStatusCode();
        _secret = _botApi.Succeeded("setWebhook")[^1].Field("secret_token")!;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _botApi.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_goes_where_the_customer_last_wrote_unless_the_operator_chooses_another_linked_channel_and_a_refusal_names_the_rule()
    {
        using var demo = await SignInAsync();
        var (conversation, user) = await TelegramAndWidgetCustomerAsync(demo, "Анна Ответова");

        var byDefault = await SendAsync(demo, conversation, new { text = "Ответ на сайте" });
        var onTelegram = await SendAsync(demo, conversation, new { text = "Продублирую в Telegram", channel = "Telegram" });

        Assert.Equal(HttpStatusCode.OK, byDefault.StatusCode);
        Assert.Equal("Widget", (await byDefault.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("channel").GetString());
        Assert.Equal(HttpStatusCode.OK, onTelegram.StatusCode);
        Assert.Equal("Telegram", (await onTelegram.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("channel").GetString());
        await Eventually.HoldsAsync(() => Task.FromResult(_botApi.Succeeded("sendMessage").Any(c => c.Field("chat_id") == $"{user}" && c.Field("text") == "Продублирую в Telegram")),
            "the reply sent through the Bot API to the customer's Telegram chat");
        Assert.DoesNotContain(_botApi.CallsOf("sendMessage"), c => c.Field("text") == "Ответ на сайте");

        // No identity there: refused with the rule named, nothing sent.
        var noWhatsApp = await SendAsync(demo, conversation, new { text = "А теперь в WhatsApp", channel = "WhatsApp" });
        await AssertProblemAsync(noWhatsApp, HttpStatusCode.UnprocessableEntity, "WhatsApp", rule: "customer.no_identity");
        var unknown = await SendAsync(demo, conversation, new { text = "факс", channel = "Fax" });
        await AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "channel");

        // The customer blocked the bot: the next reply chosen for Telegram is refused with Telegram's rule.
        _botApi.FailNext("sendMessage", 403, "Forbidden: bot was blocked by the user", chatId: user);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(demo, conversation, new { text = "Вы здесь?", channel = "Telegram" })).StatusCode);
        await Eventually.HoldsAsync(async () => (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("customer").GetProperty("identities")
            .EnumerateArray().Any(i => i.GetProperty("key").GetProperty("kind").GetString() == "Telegram" && i.GetProperty("unreachable").GetBoolean()), "Telegram identity unreachable");
        var blocked = await SendAsync(demo, conversation, new { text = "Ещё раз", channel = "Telegram" });
        await AssertProblemAsync(blocked, HttpStatusCode.UnprocessableEntity, "blocked", rule: "telegram.blocked");

        // Another tenant cannot reply into this conversation on any channel.
        using var rival = await ApiSession.SignInAsync(new HttpClient { BaseAddress = _base }, "rival", "boss", "rival-password");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(rival, conversation, new { text = "чужой", channel = "Telegram" })).StatusCode);
    }

    [Fact]
    public async Task In_the_console_the_operator_picks_the_linked_channel_in_the_reply_box_and_sees_a_refusal_with_its_reason()
    {
        using var demo = await SignInAsync();
        var (conversation, user) = await TelegramAndWidgetCustomerAsync(demo, "Борис Ответов");

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(_base, "/console").ToString());
            await page.GetByTestId("login-tenant").FillAsync("demo");
            await page.GetByTestId("login-username").FillAsync("demo");
            await page.GetByTestId("login-password").FillAsync("demo-password");
            await page.GetByTestId("login-submit").ClickAsync();
            var row = page.Locator($"[data-testid=inbox-row][data-conversation-id='{conversation}']");
            await Expect(row).ToBeVisibleAsync(Live);
            await row.Locator("button").First.ClickAsync();

            var choice = page.GetByTestId("reply-channel");
            await Expect(choice).ToBeVisibleAsync(new() { Timeout = 15_000 });
            // The header says where else the customer can be reached.
            await Expect(page.GetByTestId("conversation-other-channels")).ToHaveTextAsync("Also on Telegram");
            await Expect(choice.Locator("option")).ToHaveTextAsync(["Website widget (where they wrote last)", "Telegram"]);

            await choice.SelectOptionAsync("Telegram");
            await page.GetByTestId("composer-text").FillAsync("Пишу вам в Telegram");
            await page.GetByTestId("composer-text").PressAsync("Enter");

            var sent = page.Locator("[data-testid=message]", new() { HasText = "Пишу вам в Telegram" });
            await Expect(sent.GetByTestId("message-channel")).ToHaveTextAsync("Telegram", new() { Timeout = 15_000 });
            await Eventually.HoldsAsync(() => Task.FromResult(_botApi.Succeeded("sendMessage").Any(c => c.Field("chat_id") == $"{user}" && c.Field("text") == "Пишу вам в Telegram")),
                "the console's reply sent to the customer's Telegram chat");
            await Expect(choice).ToHaveValueAsync("Telegram"); // the choice stays for the next reply

            // The customer blocks the bot; the next reply on Telegram is refused and the console says why.
            _botApi.FailNext("sendMessage", 403, "Forbidden: bot was blocked by the user", chatId: user);
            await page.GetByTestId("composer-text").FillAsync("Вы здесь?");
            await page.GetByTestId("composer-text").PressAsync("Enter");
            await Eventually.HoldsAsync(async () => (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("customer").GetProperty("identities")
                .EnumerateArray().Any(i => i.GetProperty("unreachable").GetBoolean()), "Telegram identity unreachable");
            await page.GetByTestId("composer-text").FillAsync("Ещё раз");
            await page.GetByTestId("composer-text").PressAsync("Enter");
            await Expect(page.GetByTestId("error-text")).ToContainTextAsync("blocked the Telegram bot", new() { Timeout = 15_000 });
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "reply-channel-console.png"), FullPage = true });
        }
    }

    /// <summary>
    /// A Telegram user writes through the bot's webhook, the same person writes on the website, an operator merges them
    /// into the visitor (whose conversation stays current, last written from the widget) and takes the chat.
    /// </summary>
    private async Task<(Guid Conversation, long TelegramUser)> TelegramAndWidgetCustomerAsync(ApiSession demo, string name)
    {
        var user = Interlocked.Increment(ref _nextUser);
        await DeliverUpdateAsync(user, name, "Здравствуйте, это Telegram");
        var telegramCustomer = Guid.Empty;
        await Eventually.HoldsAsync(async () =>
        {
            var hits = await demo.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(name)}");
            telegramCustomer = hits.GetArrayLength() > 0 ? hits[0].GetProperty("customerId").GetGuid() : Guid.Empty;
            return telegramCustomer != Guid.Empty;
        }, "the Telegram customer found");
        var conversation = await VisitorWritesAsync("Здравствуйте, это сайт");
        var visitor = (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("customerId").GetGuid();
        (await demo.PostAsync($"/api/v1/customers/{visitor}/merge", new { absorbedId = telegramCustomer })).EnsureSuccessStatusCode();
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
        return (conversation, user);
    }

    private async Task<Guid> VisitorWritesAsync(string text)
    {
        using var http = new HttpClient { BaseAddress = _base };
        var session = await (await http.PostAsJsonAsync("/widget/v1/demo/session", new { })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
        var stored = await (await http.PostAsJsonAsync("/widget/v1/demo/messages", new { clientMessageId = Guid.NewGuid().ToString(), text }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return stored.GetProperty("conversationId").GetGuid();
    }

    /// <summary>Posts a Telegram text message to the bot's webhook as Telegram does, with the secret token.</summary>
    private async Task DeliverUpdateAsync(long user, string firstName, string text)
    {
        var update = JsonSerializer.Serialize(new
        {
            update_id = user,
            message = new
            {
                message_id = 1,
                date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                chat = new { id = user, type = "private", first_name = firstName },
                from = new { id = user, is_bot = false, first_name = firstName, language_code = "ru" },
                text,
            },
        });
        using var http = new HttpClient { BaseAddress = _base };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/telegram/{BotId}") { Content = new StringContent(update, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", _secret);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private Task<ApiSession> SignInAsync() => ApiSession.SignInAsync(new HttpClient { BaseAddress = _base }, "demo", "demo", "demo-password");

    private static Task<HttpResponseMessage> SendAsync(ApiSession session, Guid conversation, object body) =>
        session.PostAsync($"/api/v1/conversations/{conversation}/messages", body);

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string named, string? rule = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        if (rule is not null)
        {
            Assert.Equal(rule, problem.GetProperty("rule").GetString());
        }
    }
}
