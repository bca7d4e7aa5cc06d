using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Conversations.Testing.Logs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Api.Tests.Edges;

/// <summary>
/// The business's notification webhook is a URL a tenant chose, so a handoff must not become a request into our own
/// network: a webhook that resolves to a loopback address is not called, and the delivery fails with the reason;
/// the platform's allow-list (<c>Outbound:AllowedNetworks</c>) opens it on purpose.
/// </summary>
public sealed class WebhookAddressTests
{
    [Fact]
    public async Task A_handoff_notification_to_a_loopback_webhook_is_not_posted_and_fails_with_the_reason()
    {
        using var hook = new LoopbackHook();
        var logs = new CapturingLoggerProvider();
        await using var app = new ConversationsApp(seedDemo: false, services: s => s.AddSingleton<ILoggerProvider>(logs));
        var tenant = await NewTenantAsync(app);

        // Saving it through the API is refused at once; a URL whose name resolves to loopback only later (DNS
        // rebinding) gets past that check, which is what storing it directly here stands for.
        var saved = await tenant.Admin.Http.PutAsJsonAsync("/api/v1/admin/settings", await SettingsWithHookAsync(tenant.Admin, hook.Url));
        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        var grain = app.Grains.GetGrain<ITenantGrain>(tenant.Id);
        await grain.UpdateSettingsAsync(await grain.GetSettingsAsync() with { NotificationWebhookUrl = hook.Url });

        await VisitorAsksForAnOperatorAsync(app, tenant.Slug);

        await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.Text.Contains("NotificationWebhook", StringComparison.Ordinal)
            && e.Text.Contains("refused by the channel", StringComparison.Ordinal)), "the webhook delivery failed for good");
        var failure = logs.Entries.First(e => e.Text.Contains("refused by the channel", StringComparison.Ordinal)).Text;
        Assert.Contains("127.0.0.1", failure, StringComparison.Ordinal);
        Assert.Equal(0, hook.Requests);
    }

    [Fact]
    public async Task An_allow_listed_loopback_webhook_receives_the_handoff_notification()
    {
        using var hook = new LoopbackHook();
        await using var app = new ConversationsApp(seedDemo: false, settings: new Dictionary<string, string?> { ["Outbound:AllowedNetworks:0"] = "127.0.0.1/32" });
        var tenant = await NewTenantAsync(app);

        (await tenant.Admin.Http.PutAsJsonAsync("/api/v1/admin/settings", await SettingsWithHookAsync(tenant.Admin, hook.Url))).EnsureSuccessStatusCode();
        await VisitorAsksForAnOperatorAsync(app, tenant.Slug);

        await Eventually.HoldsAsync(() => hook.Requests > 0, "the webhook was called");
        Assert.Contains("operator_requested", hook.LastRequest, StringComparison.Ordinal);
    }

    private static async Task<(Guid Id, string Slug, ApiSession Admin)> NewTenantAsync(ConversationsApp app)
    {
        using var platform = app.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        var slug = "hook" + Guid.NewGuid().ToString("N")[..6];
        var created = await (await platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug, name = "Hook shop", adminUsername = "admin", adminPassword = "hook-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await platform.PostAsJsonAsync($"/api/v1/platform/tenants/{slug}/widgets", new { title = "Hook", key = slug })).EnsureSuccessStatusCode();
        var admin = await ApiSession.SignInAsync(app.CreateClient(), slug, "admin", "hook-password");
        return (created.GetProperty("tenant").GetProperty("tenantId").GetGuid(), slug, admin);
    }

    private static async Task<JsonElement> SettingsWithHookAsync(ApiSession admin, string url)
    {
        var settings = await admin.GetAsync("/api/v1/admin/settings");
        var edited = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(settings.GetRawText())!;
        edited["notificationWebhookUrl"] = JsonSerializer.SerializeToElement(url);
        return JsonSerializer.SerializeToElement(edited);
    }

    private static async Task VisitorAsksForAnOperatorAsync(ConversationsApp app, string widget)
    {
        using var http = app.CreateClient();
        var session = await (await http.PostAsJsonAsync($"/widget/v1/{widget}/session", new { })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
        (await http.PostAsJsonAsync($"/widget/v1/{widget}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text = "operator" })).EnsureSuccessStatusCode();
    }

    /// <summary>An HTTP server on a loopback port that answers 200 to anything and counts what it was sent.</summary>
    private sealed class LoopbackHook : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _requests;

        public LoopbackHook()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook";

        public int Requests => Volatile.Read(ref _requests);

        public string LastRequest { get; private set; } = "";

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                using (client)
                {
                    var stream = client.GetStream();
                    var buffer = new byte[64 * 1024];
                    var request = new StringBuilder();
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    request.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    // The body may follow the headers in a second packet.
                    if (!request.ToString().Contains('}', StringComparison.Ordinal) && read > 0)
                    {
                        read = await stream.ReadAsync(buffer, _stop.Token);
                        request.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    }

                    LastRequest = request.ToString();
                    Interlocked.Increment(ref _requests);
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
                }
            }
        }
    }
}
