using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Grains.Customers;
using Conversations.Grains.Tenants;
using Conversations.Testing;
using Conversations.Testing.Telegram;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// The demo tenant's sample shop scenario, walked by a Telegram customer through the real host and the Bot API
/// stand-in: inline-keyboard menus, consent recorded on the profile, phone validation, the CRM call (and its timeout),
/// survey branches.
/// </summary>
public sealed class SampleScenarioTests : IAsyncLifetime
{
    private const string Token = "888999:AAE-sample-scenario-abcdefghijklm";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero));
    private TelegramBotApiStandIn _botApi = null!;
    private ConversationsApp _app = null!;
    private HttpClient _http = null!;
    private Guid _tenantId;
    private string _secret = "";
    private int _updateId = 70_000;

    public async Task InitializeAsync()
    {
        _botApi = await TelegramBotApiStandIn.StartAsync();
        _botApi.AddBot(Token, 888999, "shop_demo_bot");
        _app = new ConversationsApp(telegramApi: _botApi.BaseUrl, time: _clock, seedDemo: true,
            settings: new Dictionary<string, string?>
            {
                ["Channels:Telegram:PublicBaseUrl"] = "https://bots.example.com",
                // Pacing is not under test here and the fake clock only moves when told: let bursts through.
                ["Channels:Delivery:PerChatBurst"] = "1000",
            });
        _http = new HttpClient { BaseAddress = _app.StartKestrel() }; // the scenario calls the demo CRM on this host
        _http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        await Eventually.HoldsAsync(async () =>
            await _app.Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync("demo") is { } demo
            && await _app.Grains.GetGrain<IScenarioGrain>(demo.TenantId).GetCurrentAsync() is not null
            && (await _app.Grains.GetGrain<ITenantGrain>(demo.TenantId).GetSettingsAsync()).BotConfig is not null, "the demo tenant seeded", TimeSpan.FromSeconds(30));
        _tenantId = (await _app.Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync("demo"))!.TenantId;
        (await _http.PostAsJsonAsync("/api/v1/platform/tenants/demo/telegram-bots", new { token = Token, mode = "Webhook" })).EnsureSuccessStatusCode();
        _secret = _botApi.Succeeded("setWebhook")[^1].Field("secret_token")!;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _botApi.DisposeAsync();
    }

    [Fact]
    public async Task The_main_menu_arrives_as_an_inline_keyboard_and_a_press_opens_the_sub_menu()
    {
        var user = Fixture.NewUserId();
        await TextAsync(user, "/start");
        var menu = await LastWithButtonsAsync(user);
        Assert.Contains("🛍 Каталог", ButtonLabels(menu));

        await PressAsync(user, menu, "Каталог");

        var catalog = await LastWithButtonsAsync(user, after: menu);
        Assert.Contains("Выберите раздел", catalog.Field("text"), StringComparison.Ordinal);
        Assert.Contains("👕 Одежда", ButtonLabels(catalog));
    }

    [Fact]
    public async Task Order_status_asks_consent_records_it_validates_the_phone_and_shows_the_crm_answer()
    {
        var user = Fixture.NewUserId();
        await TextAsync(user, "/start");
        var menu = await LastWithButtonsAsync(user);
        await PressAsync(user, menu, "Статус заказа");
        var consent = await LastWithButtonsAsync(user, after: menu);
        Assert.Contains("Согласны", consent.Field("text"), StringComparison.Ordinal);

        await PressAsync(user, consent, "Согласен");
        await Eventually.HoldsAsync(() => LastText(user).Contains("номер телефона", StringComparison.Ordinal), "the phone question");
        await Eventually.HoldsAsync(async () => (await ProfileAsync(user)).Consents.Count == 1, "the consent on the profile");
        var record = Assert.Single((await ProfileAsync(user)).Consents);
        Assert.Equal(("personal-data", true, "2024-06"), (record.Purpose, record.Granted, record.TextVersion));
        Assert.Equal(_clock.GetUtcNow(), record.At);

        await TextAsync(user, "не скажу");
        await Eventually.HoldsAsync(() => LastText(user).Contains("Не похоже на номер", StringComparison.Ordinal), "the retry prompt");

        await TextAsync(user, "+7 999 123-45-67");
        await Eventually.HoldsAsync(() => LastText(user).Contains("Заказ № A-4567", StringComparison.Ordinal), "the order from the CRM", TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(async () => (await ProfileAsync(user)).Phones.Contains("+79991234567"), "the phone on the profile");
    }

    [Fact]
    public async Task When_the_crm_does_not_answer_in_time_the_customer_is_offered_an_operator()
    {
        // Point the scenario at a CRM that accepts connections and never answers.
        using var silentCrm = new TcpListener(IPAddress.Loopback, 0);
        silentCrm.Start();
        var tenant = _app.Grains.GetGrain<ITenantGrain>(_tenantId);
        var original = await tenant.GetSettingsAsync();
        await tenant.UpdateSettingsAsync(original with
        {
            BotConfig = new Dictionary<string, string> { ["crmBaseUrl"] = $"http://127.0.0.1:{((IPEndPoint)silentCrm.LocalEndpoint).Port}" },
        });
        try
        {
            var user = Fixture.NewUserId();
            await TextAsync(user, "/start");
            var menu = await LastWithButtonsAsync(user);
            await PressAsync(user, menu, "Статус заказа");
            var consent = await LastWithButtonsAsync(user, after: menu);
            await PressAsync(user, consent, "Согласен");
            await Eventually.HoldsAsync(() => LastText(user).Contains("номер телефона", StringComparison.Ordinal), "the phone question");
            await TextAsync(user, "+7 999 555-44-33");

            // The step's timeout is 5 s of (fake) time.
            await Eventually.AdvanceUntilAsync(_clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
                () => Task.FromResult(LastText(user).Contains("Не удалось получить статус", StringComparison.Ordinal)), "the CRM timeout fallback");
            var fallback = await LastWithButtonsAsync(user, after: consent);
            Assert.Contains("👤 Да, позовите оператора", ButtonLabels(fallback));
        }
        finally
        {
            await tenant.UpdateSettingsAsync(original);
        }
    }

    [Theory]
    [InlineData("9", "Спасибо за высокую оценку", ConversationStatus.Bot)]
    [InlineData("3", "что пошло не так", ConversationStatus.WaitingForOperator)]
    public async Task The_survey_thanks_high_scores_and_hands_low_ones_to_an_operator(string score, string expected, ConversationStatus finalStatus)
    {
        var user = Fixture.NewUserId();
        await TextAsync(user, "/start survey");
        await Eventually.HoldsAsync(() => LastText(user).Contains("от 1 до 10", StringComparison.Ordinal), "the rating question");

        await TextAsync(user, score);
        await Eventually.HoldsAsync(() => Texts(user).Any(t => t.Contains(expected, StringComparison.Ordinal)), expected);
        if (finalStatus == ConversationStatus.WaitingForOperator)
        {
            await TextAsync(user, "Курьер опоздал на три часа");
        }

        await Eventually.HoldsAsync(async () => (await ConversationAsync(user)).Status == finalStatus, $"status {finalStatus}");
        await Eventually.HoldsAsync(async () => (await ProfileAsync(user)).Attributes.GetValueOrDefault("survey.survey") == score, "the score on the profile");

        // For reports: the survey offered and answered with its score and scale, and the handoff's cause (the sample asks
        // what went wrong and then hands over by a handoff step, not by the rating step's handoffOnLow).
        var profile = await ProfileAsync(user);
        var events = (await _app.Grains.GetGrain<IConversationGrain>(new ConversationKey(_tenantId, profile.CurrentConversationId!.Value).ToGrainKey())
            .GetHistoryAsync(new HistoryQuery(0, 200))).Select(m => m.Content).OfType<EventContent>().ToList();
        Assert.Contains(events, e => e.Event == ConversationEventKind.SurveyOffered);
        Assert.Equal(new SurveyScore("survey", int.Parse(score, CultureInfo.InvariantCulture), 1, 10), events.Single(e => e.Event == ConversationEventKind.SurveyAnswered).Score);
        Assert.Equal(finalStatus == ConversationStatus.WaitingForOperator ? (HandoffCause?)HandoffCause.ScenarioStep : null,
            events.SingleOrDefault(e => e.Event == ConversationEventKind.OperatorRequested)?.Cause);
    }

    private async Task TextAsync(long user, string text) =>
        await PostAsync(Fixture.Load("text", user, Interlocked.Increment(ref _updateId), text));

    /// <summary>Presses the button whose label contains <paramref name="label"/> under <paramref name="message"/>.</summary>
    private async Task PressAsync(long user, BotApiCall message, string label)
    {
        var button = message.Body["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray())
            .First(b => b!["text"]!.GetValue<string>().Contains(label, StringComparison.Ordinal))!;
        var update = new JsonObject
        {
            ["update_id"] = Interlocked.Increment(ref _updateId),
            ["callback_query"] = new JsonObject
            {
                ["id"] = "cb" + _updateId,
                ["from"] = new JsonObject { ["id"] = user, ["is_bot"] = false, ["first_name"] = "Anna" },
                ["message"] = new JsonObject
                {
                    ["message_id"] = 1,
                    ["date"] = 1_790_000_000,
                    ["chat"] = new JsonObject { ["id"] = user, ["type"] = "private" },
                    ["reply_markup"] = message.Body["reply_markup"]!.DeepClone(),
                },
                ["chat_instance"] = "1",
                ["data"] = button["callback_data"]!.GetValue<string>(),
            },
        };
        await PostAsync(update.ToJsonString());
    }

    private async Task PostAsync(string update)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram/888999") { Content = new StringContent(update, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", _secret);
        (await _http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private IReadOnlyList<BotApiCall> Sent(long user) =>
        [.. _botApi.Succeeded("sendMessage").Concat(_botApi.Succeeded("sendPhoto")).Where(c => c.Field("chat_id") == user.ToString(CultureInfo.InvariantCulture))];

    private IReadOnlyList<string> Texts(long user) => [.. Sent(user).Select(c => c.Field("text") ?? c.Field("caption") ?? "")];

    private string LastText(long user) => Texts(user).LastOrDefault() ?? "";

    private async Task<BotApiCall> LastWithButtonsAsync(long user, BotApiCall? after = null)
    {
        BotApiCall? found = null;
        await Eventually.HoldsAsync(() =>
        {
            var withButtons = Sent(user).Where(c => c.Body["reply_markup"] is not null).ToList();
            found = withButtons.LastOrDefault();
            return found is not null && (after is null || !ReferenceEquals(found, after) && withButtons.IndexOf(found) > withButtons.IndexOf(after));
        }, "a message with buttons");
        return found!;
    }

    private static IReadOnlyList<string> ButtonLabels(BotApiCall message) =>
        [.. message.Body["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).Select(b => b!["text"]!.GetValue<string>())];

    private async Task<CustomerProfile> ProfileAsync(long user)
    {
        var identity = new ChannelIdentityKey(_tenantId, ChannelKind.Telegram, "888999", user.ToString(CultureInfo.InvariantCulture));
        var customerId = await _app.Grains.GetGrain<IChannelIdentityGrain>(identity.ToGrainKey()).GetCustomerIdAsync();
        CustomerProfile? profile = null;
        await Eventually.HoldsAsync(async () => (profile = await _app.Grains.GetGrain<ICustomerGrain>(new CustomerKey(_tenantId, customerId!.Value).ToGrainKey()).GetProfileAsync()) is not null,
            "the profile");
        return profile!;
    }

    private async Task<ConversationView> ConversationAsync(long user)
    {
        var profile = await ProfileAsync(user);
        return (await _app.Grains.GetGrain<IConversationGrain>(new ConversationKey(_tenantId, profile.CurrentConversationId!.Value).ToGrainKey()).GetViewAsync())!;
    }
}
