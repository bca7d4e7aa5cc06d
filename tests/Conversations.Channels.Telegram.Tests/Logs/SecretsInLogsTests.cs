using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Testing;
using Conversations.Testing.Logs;
using Conversations.Testing.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Conversations.Channels.Telegram.Tests.Logs;

/// <summary>
/// Every secret a realistic flow uses stays out of the logs, with every category logging at Trace, and out of the trace
/// spans (tracing on, as with an OTLP endpoint configured; the spans are read from an in-memory exporter).
/// </summary>
public sealed class SecretsInLogsTests
{
    private const string BotToken = "424242:AAE-secret-bot-token-zyxwvutsrqponmlkji";
    private const string AdminPassword = "admin-password-never-logged";

    [Fact]
    public async Task A_flow_through_login_feed_widget_api_key_and_telegram_logs_and_traces_none_of_its_secrets()
    {
        await using var botApi = await TelegramBotApiStandIn.StartAsync();
        botApi.AddBot(BotToken, 424242, "log_bot");
        var capture = new CapturingLoggerProvider();
        var spans = new List<Activity>();
        await using var app = new ConversationsApp(telegramApi: botApi.BaseUrl, seedDemo: false, settings: new Dictionary<string, string?>
        {
            ["Channels:Telegram:PublicBaseUrl"] = "https://bots.example.com",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:System"] = "Trace",
            ["Logging:LogLevel:Orleans"] = "Trace",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9", // turns tracing on; nothing listens there
        }, services: services =>
        {
            services.AddSingleton<ILoggerProvider>(capture);
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        });
        var factory = app;
        using var platform = factory.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);

        (await platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "logs", name = "Logs", adminUsername = "admin", adminPassword = AdminPassword }))
            .EnsureSuccessStatusCode();
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants/logs/telegram-bots", new { token = BotToken, mode = "Webhook" })).EnsureSuccessStatusCode();
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants/logs/widgets", new { title = "Logs", key = "logs" })).EnsureSuccessStatusCode();
        var webhookSecret = botApi.Succeeded("setWebhook")[^1].Field("secret_token")!;

        // An operator signs in, follows the feed with ?access_token= (as the console's EventSource does) and makes an API key.
        using var admin = await ApiSession.SignInAsync(factory.CreateClient(), "logs", "admin", AdminPassword);
        var jwt = admin.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        using var anonymous = factory.CreateClient();
        await OpenStreamAsync(anonymous, $"/api/v1/events?access_token={Uri.EscapeDataString(jwt)}");
        var created = await (await admin.PostAsync("/api/v1/admin/api-keys", new { name = "crm" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var apiKey = created.GetProperty("key").GetString()!;
        using var integration = factory.CreateClient();
        integration.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        (await integration.GetAsync("/api/v1/canned-replies")).EnsureSuccessStatusCode();

        // A widget visitor starts a session, follows its events with ?token= and writes.
        using var visitor = factory.CreateClient();
        var session = await (await visitor.PostAsJsonAsync("/widget/v1/logs/session", new { })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var visitorToken = session.GetProperty("token").GetString()!;
        await OpenStreamAsync(anonymous, $"/widget/v1/logs/events?token={Uri.EscapeDataString(visitorToken)}");
        visitor.DefaultRequestHeaders.Authorization = new("Bearer", visitorToken);
        (await visitor.PostAsJsonAsync("/widget/v1/logs/messages", new { clientMessageId = "m1", text = "hello" })).EnsureSuccessStatusCode();

        // Telegram delivers an update (and a forger tries a wrong secret); the bot's reply goes out through the Bot API.
        Assert.Equal(HttpStatusCode.OK, (await PostUpdateAsync(anonymous, webhookSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostUpdateAsync(anonymous, "forged-secret")).StatusCode);
        await Eventually.HoldsAsync(() => botApi.Succeeded("sendMessage").Count > 0, "the bot's reply at the Bot API");

        var secrets = new Dictionary<string, string>
        {
            ["bot token"] = BotToken,
            ["bot token's secret part"] = BotToken.Split(':')[1],
            ["webhook secret"] = webhookSecret,
            ["operator JWT"] = jwt,
            ["operator JWT's signature"] = jwt.Split('.')[2],
            ["visitor token"] = visitorToken,
            ["API key"] = apiKey,
            ["admin password"] = AdminPassword,
            ["platform key"] = ConversationsApp.PlatformKey,
        };
        var entries = capture.Entries.ToList();
        var leaks = (from entry in entries
                     from secret in secrets
                     where entry.Text.Contains(secret.Value, StringComparison.Ordinal)
                     select $"{secret.Key} in {entry.Category}: {entry.Text}").ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Take(10)));
        // The scan saw request logging at all: the feed's request line is there, its token redacted.
        Assert.Contains(entries, e => e.Category == "Conversations.Requests" && e.Text.Contains("/api/v1/events?access_token=***", StringComparison.Ordinal));

        // The stand-in plays Telegram in this same process: its own server spans (the token in its path) are Telegram's side.
        var standInPort = new Uri(botApi.BaseUrl).Port;
        List<Activity> traced;
        lock (spans)
        {
            traced = [.. spans.Where(s => !(s.Kind == ActivityKind.Server && s.GetTagItem("server.port") is int port && port == standInPort))];
        }

        var spanLeaks = (from span in traced
                         from tag in span.TagObjects
                         from secret in secrets
                         where (tag.Value?.ToString() ?? "").Contains(secret.Value, StringComparison.Ordinal) || span.DisplayName.Contains(secret.Value, StringComparison.Ordinal)
                         select $"{secret.Key} in span {span.DisplayName}, {tag.Key}").ToList();
        Assert.True(spanLeaks.Count == 0, string.Join(Environment.NewLine, spanLeaks.Distinct().Take(10)));
        // The scan saw the Bot API calls and the feed's request: their URLs are there, masked.
        Assert.Contains(traced, s => s.GetTagItem("url.full") is string url && url.EndsWith("/bot***/sendMessage", StringComparison.Ordinal));
        Assert.Contains(traced, s => s.GetTagItem("url.query") is string query && query.Contains("access_token=***", StringComparison.Ordinal));
    }

    private static async Task OpenStreamAsync(HttpClient http, string url)
    {
        using var cancel = new CancellationTokenSource();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await cancel.CancelAsync();
    }

    private static async Task<HttpResponseMessage> PostUpdateAsync(HttpClient http, string secret)
    {
        const string update = """
            {"update_id": 9001, "message": {"message_id": 1, "date": 1764000000, "text": "hello",
             "chat": {"id": 5001, "type": "private", "first_name": "Ann"}, "from": {"id": 5001, "is_bot": false, "first_name": "Ann"}}}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram/424242") { Content = new StringContent(update, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return await http.SendAsync(request);
    }
}
