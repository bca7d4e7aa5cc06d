using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>A customer is answered in the language their channel reports (here the browser's) when there are texts in it, else in the tenant's.</summary>
public sealed class CustomerLanguageTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_russian_tenants_visitor_whose_browser_speaks_english_reads_english_texts()
    {
        var slug = await RussianTenantAsync();

        var texts = await VisitorTextsAsync(slug, "en-US", "my parcel has not arrived", "оператор");

        Assert.Contains(TenantTexts.English[TenantTexts.FallbackReceived], texts);
        Assert.Contains(TenantTexts.English[TenantTexts.HandoffNotified], texts);
        Assert.DoesNotContain(TenantTexts.Defaults[TenantTexts.HandoffNotified], texts);
    }

    [Fact]
    public async Task A_visitor_whose_browser_speaks_a_language_without_texts_reads_the_tenants_language()
    {
        var slug = await RussianTenantAsync();

        var texts = await VisitorTextsAsync(slug, "de-DE", "hallo", "оператор");

        Assert.Contains(TenantTexts.Defaults[TenantTexts.HandoffNotified], texts);
        Assert.DoesNotContain(TenantTexts.English[TenantTexts.HandoffNotified], texts);
    }

    private async Task<string> RussianTenantAsync()
    {
        var slug = "lang" + Guid.NewGuid().ToString("N")[..6];
        using var platform = fixture.NewClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug, name = "Магазин", adminUsername = "admin", adminPassword = "russian-password", language = "ru" }))
            .EnsureSuccessStatusCode();
        (await platform.PostAsJsonAsync($"/api/v1/platform/tenants/{slug}/widgets", new { title = "Магазин", key = slug })).EnsureSuccessStatusCode();
        return slug;
    }

    /// <summary>A visitor writes from a browser in <paramref name="language"/>; the texts the bot sent back once the last one is answered.</summary>
    private async Task<IReadOnlyList<string>> VisitorTextsAsync(string widget, string language, params string[] messages)
    {
        using var http = fixture.NewClient();
        var session = await (await http.PostAsJsonAsync($"/widget/v1/{widget}/session", new { })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
        foreach (var text in messages)
        {
            (await http.PostAsJsonAsync($"/widget/v1/{widget}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text, language })).EnsureSuccessStatusCode();
        }

        IReadOnlyList<string> texts = [];
        await Eventually.HoldsAsync(async () =>
        {
            var history = await http.GetFromJsonAsync<JsonElement>($"/widget/v1/{widget}/messages");
            texts = [.. history.EnumerateArray().Where(m => m.GetProperty("from").GetString() == "bot")
                .Select(m => m.GetProperty("content").TryGetProperty("text", out var t) ? t.GetString() ?? "" : "")];
            return texts.Count >= messages.Length;
        }, "a reply to every message");
        return texts;
    }
}
