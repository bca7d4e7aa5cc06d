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
