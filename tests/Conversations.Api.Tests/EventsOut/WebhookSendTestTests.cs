using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Channels.Notifications;
using Conversations.Testing;
using Conversations.Testing.EventsOut;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests.EventsOut;

/// <summary>
/// "Send test" for webhooks: a signed test event sent at once to an events-out subscription or the notification webhook
/// of the settings, answered with the endpoint's status code and latency or what failed; on the settings screen too.
/// </summary>
public sealed class WebhookSendTestTests(WebhookApiFixture fixture) : IClassFixture<WebhookApiFixture>
{
    [Fact]
    public async Task A_subscriptions_test_is_a_signed_test_event_answered_with_the_status_code_and_latency_and_no_delivery_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var rival = await fixture.RivalAsync();
        var (id, secret) = await SubscribeAsync(rival, receiver.Url);

        var result = await TestAsync(rival, $"/api/v1/admin/webhooks/{id}/test");

        Assert.True(result.GetProperty("delivered").GetBoolean());
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        Assert.True(result.GetProperty("latencyMs").GetInt32() >= 0);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("problem").ValueKind);
        var received = Assert.Single(receiver.Received);
        Assert.Equal("webhook.test", received.Event);
        Assert.Equal("webhook.test", received.Type);
        Assert.Equal(rival.TenantId, received.Json.GetProperty("tenantId").GetGuid());
        Assert.True(WebhookSignature.Verify(secret, long.Parse(received.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), received.Body, received.Signature!));
        Assert.Equal(0, (await rival.GetAsync($"/api/v1/admin/webhooks/{id}/deliveries")).GetArrayLength());
    }

    [Fact]
    public async Task A_failing_endpoint_is_reported_with_its_status_code_and_an_unreachable_one_in_plain_words()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var rival = await fixture.RivalAsync();
        var (failing, _) = await SubscribeAsync(rival, receiver.Url);
        receiver.AnswerNext(503);

        var refused = await TestAsync(rival, $"/api/v1/admin/webhooks/{failing}/test");

        Assert.False(refused.GetProperty("delivered").GetBoolean());
        Assert.Equal(503, refused.GetProperty("statusCode").GetInt32());
        Assert.Equal("status", refused.GetProperty("problem").GetString());
        Assert.Contains("503", refused.GetProperty("error").GetString(), StringComparison.Ordinal);

        var (closed, _) = await SubscribeAsync(rival, "http://127.0.0.1:9/hook"); // discard port: nothing listens
        var unreachable = await TestAsync(rival, $"/api/v1/admin/webhooks/{closed}/test");

        Assert.False(unreachable.GetProperty("delivered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unreachable.GetProperty("statusCode").ValueKind);
        Assert.Equal("unreachable", unreachable.GetProperty("problem").GetString());
        Assert.Contains("could not be reached", unreachable.GetProperty("error").GetString(), StringComparison.Ordinal);
        await rival.Http.DeleteAsync($"/api/v1/admin/webhooks/{failing}");
        await rival.Http.DeleteAsync($"/api/v1/admin/webhooks/{closed}");
    }

    [Fact]
    public async Task The_notification_webhooks_test_is_signed_with_the_settings_secret_and_needs_a_saved_url()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var rival = await fixture.RivalAsync();
        (await rival.Http.PatchAsJsonAsync("/api/v1/admin/settings", new { notificationWebhookUrl = (string?)null })).EnsureSuccessStatusCode();
        var none = await rival.PostAsync("/api/v1/admin/settings/webhook/test");
        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        Assert.Contains("notificationWebhookUrl", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var settings = await (await rival.Http.PatchAsJsonAsync("/api/v1/admin/settings", new { notificationWebhookUrl = receiver.Url }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var result = await TestAsync(rival, "/api/v1/admin/settings/webhook/test");

        Assert.True(result.GetProperty("delivered").GetBoolean());
        var received = Assert.Single(receiver.Received);
        Assert.True(WebhookSignature.Verify(settings.GetProperty("webhookSecret").GetString()!,
            long.Parse(received.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), received.Body, received.Signature!));
        (await rival.Http.PatchAsJsonAsync("/api/v1/admin/settings", new { notificationWebhookUrl = (string?)null })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task One_tenant_cannot_test_anothers_subscription()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        var (id, _) = await SubscribeAsync(demo, receiver.Url);

        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsync($"/api/v1/admin/webhooks/{id}/test")).StatusCode);

        Assert.Empty(receiver.Received);
        await demo.Http.DeleteAsync($"/api/v1/admin/webhooks/{id}");
    }

    [Fact]
    public async Task The_settings_screen_sends_a_test_to_a_subscription_and_shows_how_the_endpoint_answered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var demo = await fixture.DemoAsync();
        var (id, _) = await SubscribeAsync(demo, receiver.Url);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
            await page.GotoAsync(new Uri(fixture.BaseAddress, "/console").ToString());
            await page.GetByTestId("login-tenant").FillAsync("demo");
            await page.GetByTestId("login-username").FillAsync("demo");
            await page.GetByTestId("login-password").FillAsync("demo-password");
            await page.GetByTestId("login-submit").ClickAsync();
            await page.GetByTestId("view-admin").ClickAsync();
            await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("data-section", "settings");
            await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("aria-busy", "false");

            var row = page.Locator($"[data-testid=webhook-subscription][data-id='{id}']");
            await row.GetByTestId("webhook-test").ClickAsync();
            await Expect(row.GetByTestId("webhook-test-result")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Доставлено: адрес ответил 200 за \d+ мс\.$"));

            receiver.AnswerNext(500);
            await row.GetByTestId("webhook-test").ClickAsync();
            await Expect(row.GetByTestId("webhook-test-result")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Не доставлено: адрес ответил 500 \(через \d+ мс\)\.$"));
            await row.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "admin-webhook-send-test.png"), FullPage = true });
        }

        Assert.Equal(2, receiver.Received.Count);
        await demo.Http.DeleteAsync($"/api/v1/admin/webhooks/{id}");
    }

    private static async Task<(Guid Id, string Secret)> SubscribeAsync(ApiSession admin, string url)
    {
        var created = await (await admin.PostAsync("/api/v1/admin/webhooks", new { url, events = new[] { "message.created" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    private static async Task<JsonElement> TestAsync(ApiSession admin, string path) =>
        await (await admin.PostAsync(path)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
}
