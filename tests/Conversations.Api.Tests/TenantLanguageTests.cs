using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>A tenant created in English speaks English to its customers by default; its language is a setting.</summary>
public sealed class TenantLanguageTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_tenant_created_in_english_hands_its_customer_over_and_acknowledges_messages_in_english()
    {
        var slug = "en" + Guid.NewGuid().ToString("N")[..6];
        using var platform = fixture.NewClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug, name = "English shop", adminUsername = "admin", adminPassword = "english-password", language = "en" }))
            .EnsureSuccessStatusCode();
        (await platform.PostAsJsonAsync($"/api/v1/platform/tenants/{slug}/widgets", new { title = "Shop", key = slug })).EnsureSuccessStatusCode();
        using var admin = await ApiSession.SignInAsync(fixture.NewClient(), slug, "admin", "english-password");

        var conversation = await fixture.VisitorWritesAsync(slug, "operator please");
        var greeted = await fixture.VisitorWritesAsync(slug, "my parcel has not arrived");

        Assert.Equal("en", (await admin.GetAsync("/api/v1/admin/settings")).GetProperty("language").GetString());
        await Eventually.HoldsAsync(async () => (await admin.GetAsync($"/api/v1/conversations/{conversation}/messages?includeBot=true&limit=50")).EnumerateArray()
            .Any(m => m.GetProperty("content").TryGetProperty("text", out var text) && text.GetString() == TenantTexts.English[TenantTexts.HandoffNotified]),
            "the English handoff notice in the history");
        // A tenant without a scenario answers with its fallback texts, in English too.
        await Eventually.HoldsAsync(async () => (await admin.GetAsync($"/api/v1/conversations/{greeted}/messages?includeBot=true&limit=50")).EnumerateArray()
            .Any(m => m.GetProperty("content").TryGetProperty("text", out var text) && text.GetString() == TenantTexts.English[TenantTexts.FallbackReceived]),
            "the English fallback acknowledgement in the history");
    }

    [Fact]
    public async Task An_english_tenants_customer_reads_english_through_live_chat_reminder_release_close_and_out_of_hours_with_its_buttons_and_date()
    {
        var slug = "enwalk" + Guid.NewGuid().ToString("N")[..6];
        using var platform = fixture.NewClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new { slug, name = "English shop", adminUsername = "admin", adminPassword = "english-password", adminDisplayName = "Ann", language = "en" })).EnsureSuccessStatusCode();
        (await platform.PostAsJsonAsync($"/api/v1/platform/tenants/{slug}/widgets", new { title = "Shop", key = slug })).EnsureSuccessStatusCode();
        using var admin = await ApiSession.SignInAsync(fixture.NewClient(), slug, "admin", "english-password");
        var english = TenantTexts.English;

        // In working hours (a new tenant is always open): handoff, the operator joins, reminds, releases.
        var first = await fixture.VisitorWritesAsync(slug, "operator please");
        await SaidAsync(admin, first, english[TenantTexts.HandoffNotified]);
        (await admin.PostAsync($"/api/v1/conversations/{first}/take")).EnsureSuccessStatusCode();
        await SaidAsync(admin, first, english[TenantTexts.LiveChatStarted].Replace("{operator}", "Ann", StringComparison.Ordinal));
        (await admin.PostAsync($"/api/v1/conversations/{first}/remind")).EnsureSuccessStatusCode();
        await SaidAsync(admin, first, english[TenantTexts.IdleReminder]);
        (await admin.PostAsync($"/api/v1/conversations/{first}/release")).EnsureSuccessStatusCode();
        await SaidAsync(admin, first, english[TenantTexts.LiveChatReleased]);

        // Another customer's chat is closed by the operator.
        var second = await fixture.VisitorWritesAsync(slug, "operator please");
        await SaidAsync(admin, second, english[TenantTexts.HandoffNotified]);
        (await admin.PostAsync($"/api/v1/conversations/{second}/take")).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/v1/conversations/{second}/close")).EnsureSuccessStatusCode();
        await SaidAsync(admin, second, english[TenantTexts.Closed]);

        // Out of hours (open only tomorrow, UTC): when operators are back, written the English way, and the buttons.
        var tomorrow = DateTime.UtcNow.AddDays(1).DayOfWeek.ToString();
        var hours = new { workingHours = new { timeZone = "UTC", week = new Dictionary<string, string[]> { [tomorrow] = ["09:00-10:00"] } } };
        using var patch = new StringContent(JsonSerializer.Serialize(hours), System.Text.Encoding.UTF8, "application/merge-patch+json");
        (await admin.Http.PatchAsync("/api/v1/admin/settings", patch)).EnsureSuccessStatusCode();
        var third = await fixture.VisitorWritesAsync(slug, "operator please");
        var prefix = english[TenantTexts.HandoffOutOfHours].Split("{nextOpening}")[0];
        var notice = await SaidAsync(admin, third, prefix);
        Assert.Matches(@"back [A-Z][a-z]{2} \d{1,2}, 09:00\.", notice.GetProperty("text").GetString());
        Assert.Equal([english[TenantTexts.LeaveMessageButton], english[TenantTexts.CallbackButton]],
            notice.GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("label").GetString()));
    }

    /// <summary>Waits for a message of the conversation whose text starts with <paramref name="text"/>; returns its content.</summary>
    private static async Task<JsonElement> SaidAsync(ApiSession admin, Guid conversation, string text)
    {
        JsonElement found = default;
        await Eventually.HoldsAsync(async () =>
        {
            var said = (await admin.GetAsync($"/api/v1/conversations/{conversation}/messages?includeBot=true&limit=50")).EnumerateArray()
                .Select(m => m.GetProperty("content"))
                .Where(c => c.TryGetProperty("text", out var t) && t.GetString()?.StartsWith(text, StringComparison.Ordinal) == true).ToList();
            if (said.Count > 0) found = said[0];
            return said.Count > 0;
        }, $"\"{text}\" in the history");
        return found;
    }

    [Fact]
    public async Task A_language_without_default_texts_is_a_400_naming_the_field_and_creates_nothing()
    {
        var slug = "de" + Guid.NewGuid().ToString("N")[..6];
        using var platform = fixture.NewClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);

        var response = await platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug, name = "German shop", adminUsername = "admin", adminPassword = "german-password", language = "de" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("language:", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var tenants = await platform.GetFromJsonAsync<JsonElement>("/api/v1/platform/tenants");
        Assert.DoesNotContain(tenants.EnumerateArray(), t => t.GetProperty("slug").GetString() == slug);
    }
}
