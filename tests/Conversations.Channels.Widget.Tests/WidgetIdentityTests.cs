using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Testing;
using Conversations.Testing.Logs;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Widget.Tests;

/// <summary>
/// The business's signed-in users on the widget: a valid userHash (HMAC-SHA256 of the user id under the widget's
/// identity secret, computed by the business's server) makes them one customer with one history on every device.
/// </summary>
public sealed class WidgetIdentityTests(WidgetIdentityFixture fixture) : IClassFixture<WidgetIdentityFixture>
{
    private readonly CapturingLoggerProvider _logs = fixture.Logs;
    private readonly ConversationsApp _app = fixture.App;
    private readonly Uri _base = fixture.BaseAddress;

    [Fact]
    public async Task A_signed_user_in_two_browsers_is_one_customer_with_one_history()
    {
        var secret = await RotateSecretAsync();
        var userId = "user-" + Guid.NewGuid().ToString("N")[..8];
        var page = $"/widget/demo?userId={userId}&userHash={Hash(secret, userId)}&userName=Anna%20Petrova";
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            await using var laptop = await browser.NewContextAsync();
            await using var phone = await browser.NewContextAsync();
            var onLaptop = await laptop.NewPageAsync();
            await onLaptop.GotoAsync(new Uri(_base, page).ToString());
            await onLaptop.GetByTestId("cw-launcher").ClickAsync();
            await onLaptop.GetByTestId("cw-input").FillAsync("с ноутбука");
            await onLaptop.GetByTestId("cw-send").ClickAsync();
            // Stored (the server gave it an id), not only shown: the other device reads the stored history.
            await Expect(onLaptop.GetByTestId("cw-messages").Locator("[data-from=customer][data-message-id]").First).ToContainTextAsync("с ноутбука", new() { Timeout = 15_000 });

            var onPhone = await phone.NewPageAsync();
            await onPhone.GotoAsync(new Uri(_base, page).ToString());
            await onPhone.GetByTestId("cw-launcher").ClickAsync();
            // The other device shows what was written on the first one: one history.
            await Expect(onPhone.GetByTestId("cw-messages").Locator("[data-from=customer]").First).ToContainTextAsync("с ноутбука", new() { Timeout = 15_000 });
            await onPhone.GetByTestId("cw-input").FillAsync("с телефона");
            await onPhone.GetByTestId("cw-send").ClickAsync();
            await Expect(onLaptop.GetByTestId("cw-messages").Locator("[data-from=customer]", new() { HasText = "с телефона" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }

        var owner = await _app.Grains.GetGrain<IContactOwnerGrain>(ContactOwnerKey.ExternalId(await DemoTenantAsync(), userId)).GetOwnerAsync();
        Assert.NotNull(owner);
        var profile = await _app.Grains.GetGrain<ICustomerGrain>(new CustomerKey(await DemoTenantAsync(), owner.Value).ToGrainKey()).GetProfileAsync();
        Assert.Equal("Anna Petrova", profile!.DisplayName);
        Assert.Equal(userId, profile.ExternalId);
        Assert.Single(profile.Identities, i => i.Key.Kind == ChannelKind.Widget);
    }

    [Fact]
    public async Task A_signed_user_is_the_customer_the_CRM_pushed_under_the_same_id()
    {
        var secret = await RotateSecretAsync();
        var userId = "crm-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await ApiSession.SignInAsync(new HttpClient { BaseAddress = _base }, "demo", "demo", "demo-password");
        var pushed = await (await admin.Http.PutAsJsonAsync($"/api/v1/customers/by-external-id/{userId}", new { name = "Из CRM", attributes = new { plan = "gold" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        using var http = new HttpClient { BaseAddress = _base };
        var session = await http.PostAsJsonAsync("/widget/v1/demo/session", new { userId, userHash = Hash(secret, userId), email = "anna@example.com" });

        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var profile = await _app.Grains.GetGrain<ICustomerGrain>(new CustomerKey(await DemoTenantAsync(), pushed.GetProperty("customerId").GetGuid()).ToGrainKey()).GetProfileAsync();
        Assert.Equal("Из CRM", profile!.DisplayName); // no name in the session: the generated visitor name does not replace the CRM's
        Assert.Contains(profile.Identities, i => i.Key.Kind == ChannelKind.Widget && i.Verified?.ExternalId == userId);
        Assert.Contains("anna@example.com", profile.Emails);
    }

    [Fact]
    public async Task A_wrong_hash_is_refused_with_a_403_and_logged_without_the_secret_or_the_hash()
    {
        var secret = await RotateSecretAsync();
        var userId = "victim-" + Guid.NewGuid().ToString("N")[..8];
        var forged = Hash("not-the-secret", userId);
        using var http = new HttpClient { BaseAddress = _base };

        var wrong = await http.PostAsJsonAsync("/widget/v1/demo/session", new { userId, userHash = forged });
        var missing = await http.PostAsJsonAsync("/widget/v1/demo/session", new { userId });
        var otherUser = await http.PostAsJsonAsync("/widget/v1/demo/session", new { userId = userId + "x", userHash = Hash(secret, userId) });

        foreach (var response in new[] { wrong, missing, otherUser })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("userHash:", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Null(await _app.Grains.GetGrain<IContactOwnerGrain>(ContactOwnerKey.ExternalId(await DemoTenantAsync(), userId)).GetOwnerAsync());
        await Eventually.HoldsAsync(() => _logs.Entries.Count(e => e.Text.Contains("userHash does not match", StringComparison.Ordinal)) >= 3, "the refusals are logged");
        Assert.DoesNotContain(_logs.Entries, e => e.Text.Contains(secret, StringComparison.Ordinal) || e.Text.Contains(forged, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rotated_secret_stops_the_old_hashes_and_the_secret_is_never_listed()
    {
        var old = await RotateSecretAsync();
        var current = await RotateSecretAsync();
        using var http = new HttpClient { BaseAddress = _base };
        using var admin = await ApiSession.SignInAsync(new HttpClient { BaseAddress = _base }, "demo", "demo", "demo-password");

        var withOld = await http.PostAsJsonAsync("/widget/v1/demo/session", new { userId = "u1", userHash = Hash(old, "u1") });
        var withCurrent = await http.PostAsJsonAsync("/widget/v1/demo/session", new { userId = "u1", userHash = Hash(current, "u1") });
        var listing = await (await admin.Http.GetAsync("/api/v1/admin/channels")).Content.ReadAsStringAsync();

        Assert.NotEqual(old, current);
        Assert.Equal(HttpStatusCode.Forbidden, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCurrent.StatusCode);
        Assert.DoesNotContain(current, listing, StringComparison.Ordinal);
    }

    private async Task<string> RotateSecretAsync()
    {
        using var admin = await ApiSession.SignInAsync(new HttpClient { BaseAddress = _base }, "demo", "demo", "demo-password");
        var created = await (await admin.PostAsync("/api/v1/admin/channels/widgets/demo/identity-secret")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return created.GetProperty("secret").GetString()!;
    }

    private async Task<Guid> DemoTenantAsync()
    {
        var widget = await _app.Grains.GetGrain<IChannelAccountGrain>(new ChannelAccountKey(ChannelKind.Widget, "demo").ToGrainKey()).GetAsync();
        return widget!.TenantId;
    }

    /// <summary>What the business's server computes (written here independently of the product's code).</summary>
    private static string Hash(string secret, string userId) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId))).ToLowerInvariant();
}
