using System.Globalization;
using System.Net.Http.Json;
using Conversations.Testing;
using Conversations.Testing.Telegram;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>
/// The real host on a fake clock with one tenant, one Telegram bot on the Bot API stand-in (webhook mode) and the
/// business-notification SMTP pointed at an <see cref="SmtpSink"/>: what the end-to-end stories through Telegram share.
/// </summary>
internal sealed class TelegramSmtpHost : IAsyncDisposable
{
    private string _secret = "";

    private TelegramSmtpHost(long botId, FakeTimeProvider clock)
    {
        BotId = botId;
        Clock = clock;
    }

    public long BotId { get; }

    public FakeTimeProvider Clock { get; }

    public TelegramBotApiStandIn BotApi { get; private set; } = null!;

    public SmtpSink Smtp { get; } = new();

    public ConversationsApp App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The real loopback address when the host serves a browser, else null.</summary>
    public Uri? BaseAddress { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>Starts the host and creates the tenant <paramref name="slug"/> with the bot <paramref name="token"/> (whose id is its prefix).</summary>
    /// <summary>
    /// Starts the host; <paramref name="settings"/> are added to (or override) its configuration; with
    /// <paramref name="servesBrowser"/> it serves on a real loopback port (<see cref="BaseAddress"/>) for Chromium.
    /// </summary>
    public static async Task<TelegramSmtpHost> StartAsync(string slug, string token, string botUsername, FakeTimeProvider clock,
        IReadOnlyDictionary<string, string?>? settings = null, bool servesBrowser = false)
    {
        var host = new TelegramSmtpHost(long.Parse(token.Split(':')[0], CultureInfo.InvariantCulture), clock);
        host.BotApi = await TelegramBotApiStandIn.StartAsync();
        host.BotApi.AddBot(token, host.BotId, botUsername);
        var configuration = new Dictionary<string, string?>
        {
            ["Channels:Telegram:PublicBaseUrl"] = "https://bots.example.com",
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = host.Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Smtp:From"] = "bot@conversations.example",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        host.App = new ConversationsApp(telegramApi: host.BotApi.BaseUrl, time: clock, seedDemo: false, settings: configuration);
        host.Http = servesBrowser ? new HttpClient { BaseAddress = host.BaseAddress = host.App.StartKestrel() } : host.App.CreateClient();
        host.Http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        var tenant = await (await host.Http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug, name = slug + " shop", adminUsername = "admin", adminPassword = "admin-password" }))
            .Content.ReadFromJsonAsync<Api.Contracts.Platform.TenantCreated>(TestJson.Options);
        host.TenantId = tenant!.Tenant.TenantId;
        (await host.Http.PostAsJsonAsync($"/api/v1/platform/tenants/{slug}/telegram-bots", new { token, mode = "Webhook" })).EnsureSuccessStatusCode();
        host._secret = host.BotApi.Succeeded("setWebhook")[^1].Field("secret_token")!;
        return host;
    }

    /// <summary>The texts the bot sent to <paramref name="user"/>'s chat, in order.</summary>
    public IReadOnlyList<string> Texts(long user) =>
        [.. BotApi.Succeeded("sendMessage").Where(c => c.Field("chat_id") == user.ToString(CultureInfo.InvariantCulture)).Select(c => c.Field("text") ?? "")];

    /// <summary>Delivers an update through the bot's webhook, as Telegram does.</summary>
    public async Task PostAsync(string update)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/telegram/{BotId}") { Content = new StringContent(update, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", _secret);
        (await Http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
        await BotApi.DisposeAsync();
    }
}
