using System.Net.Http.Json;
using System.Text;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Conversations.Testing.Telegram;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>
/// A customer's Telegram photo, sent through the real webhook of the demo tenant's bot, fetched from the Bot API
/// stand-in in the background, shows in the operator console (headless Chromium) as an image with a lightbox.
/// </summary>
public sealed class ConsoleMediaBrowserTests : IAsyncLifetime
{
    private const string Token = "424242:AAE-console-media-token-abcdefghij";
    private const long BotId = 424242;

    // A 2x2 PNG (so the browser has real pixels to decode).
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==");

    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 15_000 };

    private TelegramBotApiStandIn _botApi = null!;
    private ConversationsApp _app = null!;
    private Uri _base = null!;
    private string _secret = "";

    public async Task InitializeAsync()
    {
        _botApi = await TelegramBotApiStandIn.StartAsync();
        _botApi.AddBot(Token, BotId, "demo_media_bot");
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
        _secret = _botApi.Succeeded("setWebhook")[^1].Field("secret_token")!;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _botApi.DisposeAsync();
    }

    [Fact]
    public async Task A_telegram_photo_through_the_real_webhook_shows_in_the_console_as_an_image_that_opens_in_a_lightbox()
    {
        _botApi.AddFile("console-photo", Png, "photos/file_7.jpg");
        const long user = 7_000_001;
        var update = $$$"""
            {"update_id":900001,"message":{"message_id":11,"from":{"id":{{{user}}},"is_bot":false,"first_name":"Marina"},
             "chat":{"id":{{{user}}},"first_name":"Marina","type":"private"},"date":1790000000,
             "photo":[{"file_id":"console-photo","file_unique_id":"cp1","file_size":{{{Png.Length}}},"width":2,"height":2}],
             "caption":"Коробка пришла мятой"}}
            """;
        await DeliverUpdateAsync(update);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await OpenConversationAsync(page, "Marina");

            var view = page.GetByTestId("conversation-view");
            var image = view.Locator("[data-testid=message][data-direction=Customer] [data-testid=media-image]");
            await Expect(image).ToBeVisibleAsync(Live);
            await Expect(image).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/api/v1/media/.+/signed\\?"), new() { Timeout = 15_000 });
            // Decoded by the browser: the bytes arrived as an image, not an error page.
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=media-image]'); return i && i.complete && i.naturalWidth === 2; }");
            await Expect(view.Locator("[data-testid=message][data-direction=Customer]")).ToContainTextAsync("Коробка пришла мятой");

            await image.ClickAsync();
            var lightbox = page.GetByTestId("lightbox");
            await Expect(lightbox).ToBeVisibleAsync();
            // The inbox shows the server-made preview; the lightbox the original, by the same signed link without it.
            var preview = (await image.GetAttributeAsync("src"))!;
            Assert.EndsWith("&thumbnail=true", preview, StringComparison.Ordinal);
            await Expect(lightbox.Locator("img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(
                System.Text.RegularExpressions.Regex.Escape(preview[..^"&thumbnail=true".Length]) + "$"));
            await lightbox.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await Expect(lightbox).ToBeHiddenAsync();
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }
    }

    [Theory]
    [InlineData("button")]
    [InlineData("drop")]
    public async Task An_operator_attaches_an_image_in_the_console_and_the_bot_api_receives_a_sendPhoto_with_the_bytes(string how)
    {
        var user = how == "button" ? 7_000_101L : 7_000_102L;
        var name = how == "button" ? "Pavel" : "Dmitry";
        var update = $$$"""
            {"update_id":{{{900_100 + user % 1000}}},"message":{"message_id":12,"from":{"id":{{{user}}},"is_bot":false,"first_name":"{{{name}}}"},
             "chat":{"id":{{{user}}},"first_name":"{{{name}}}","type":"private"},"date":1790000000,"text":"Пришлите фото, пожалуйста"}}
            """;
        await DeliverUpdateAsync(update);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await OpenConversationAsync(page, name);
            var view = page.GetByTestId("conversation-view");
            await view.GetByTestId("action-take").ClickAsync();
            await Expect(page.GetByTestId("composer-attach")).ToBeVisibleAsync(Live);
            await page.GetByTestId("composer-text").FillAsync("Вот так?");

            if (how == "button")
            {
                await page.GetByTestId("composer-file").SetInputFilesAsync(new FilePayload { Name = "answer.png", MimeType = "image/png", Buffer = Png });
            }
            else
            {
                // A file dropped on the composer, as the browser hands it over: a DataTransfer holding a File.
                var dataTransfer = await page.EvaluateHandleAsync("""
                    (bytes) => {
                      const transfer = new DataTransfer();
                      transfer.items.add(new File([new Uint8Array(bytes)], 'answer.png', { type: 'image/png' }));
                      return transfer;
                    }
                    """, Png.Select(b => (int)b).ToArray());
                await page.GetByTestId("composer").DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = dataTransfer });
                await page.GetByTestId("composer").DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = dataTransfer });
            }

            var mine = view.Locator("[data-testid=message][data-direction=Operator] [data-testid=media-image]");
            await Expect(mine).ToBeVisibleAsync(Live);
            await Expect(view.Locator("[data-testid=message][data-direction=Operator]").Last).ToContainTextAsync("Вот так?");
            await Expect(page.GetByTestId("composer-text")).ToHaveValueAsync("");

            BotApiCall? call = null;
            await Eventually.HoldsAsync(() => Task.FromResult(
                (call = _botApi.Succeeded("sendPhoto").LastOrDefault(c => c.Field("chat_id") == user.ToString(System.Globalization.CultureInfo.InvariantCulture))) is not null),
                "the sendPhoto at the Bot API");
            Assert.Equal(Png, _botApi.Upload(call!, "photo"));
            Assert.Equal("Вот так?", call!.Field("caption"));
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }
    }

    [Fact]
    public async Task A_customers_audio_file_plays_in_the_console()
    {
        // An OGG page header: what Telegram voice notes are; the player gets the signed link.
        byte[] ogg = [.. "OggS\0"u8.ToArray(), .. new byte[400]];
        _botApi.AddFile("console-voice", ogg, "voice/file_9.oga");
        const long user = 7_000_103;
        var update = $$$"""
            {"update_id":900203,"message":{"message_id":13,"from":{"id":{{{user}}},"is_bot":false,"first_name":"Vera"},
             "chat":{"id":{{{user}}},"first_name":"Vera","type":"private"},"date":1790000000,
             "document":{"file_id":"console-voice","file_unique_id":"cv1","file_name":"note.ogg","mime_type":"audio/ogg","file_size":{{{ogg.Length}}} } } }
            """;
        await DeliverUpdateAsync(update);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await OpenConversationAsync(page, "Vera");

            var player = page.GetByTestId("conversation-view").Locator("[data-testid=message][data-direction=Customer] audio[data-testid=media-audio]");
            await Expect(player).ToBeAttachedAsync(new() { Timeout = 15_000 });
            await Expect(player).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/api/v1/media/.+/signed\\?"), new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("conversation-view").Locator("[data-testid=media-file]")).ToContainTextAsync("note.ogg");
        }
    }

    /// <summary>Posts a Telegram update to the bot's webhook as Telegram does, with the secret token.</summary>
    private async Task DeliverUpdateAsync(string update)
    {
        using var http = new HttpClient { BaseAddress = _base };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/telegram/{BotId}") { Content = new StringContent(update, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", _secret);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    /// <summary>Signs in to the console as the demo operator and opens the conversation of <paramref name="customer"/>.</summary>
    private async Task OpenConversationAsync(IPage page, string customer)
    {
        await page.GotoAsync(new Uri(_base, "/console").ToString());
        await page.GetByTestId("login-tenant").FillAsync("demo");
        await page.GetByTestId("login-username").FillAsync("demo");
        await page.GetByTestId("login-password").FillAsync("demo-password");
        await page.GetByTestId("login-submit").ClickAsync();
        var row = page.Locator("[data-testid=inbox-row]", new() { HasText = customer });
        await Expect(row).ToBeVisibleAsync(Live);
        await row.ClickAsync();
    }
}
