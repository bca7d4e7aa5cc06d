using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Bot;
using Conversations.Bot.Faq;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// The admin's side of "did you mean …?": the customers' choices (list, approve as a phrasing of the chosen entry,
/// reject), each tenant seeing only its own, and the knowledge base's calibration (curve, threshold, margin, expected
/// share answered, confusable pairs); the tenant's target precision and switch in the settings, validated.
/// </summary>
public sealed class FaqChoiceAdminTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly FaqEntry[] Cards = [.. SampleKnowledgeBase.LoadEntries("helpdesk-en")
        .Where(e => e.Id.StartsWith("bank-card-", StringComparison.Ordinal)).Take(10)
        .Select(e => e with { Questions = [.. e.Questions.Take(PhrasingsPerEntry)] })];

    // An entry takes at most 50 phrasings through the API; 40 leave room for approved choices.
    private const int PhrasingsPerEntry = 40;

    private static readonly object[] BankCards = [.. Cards.Select(e => new { id = e.Id, questions = e.Questions, answer = e.Answer })];

    private static readonly string Chosen = Cards[0].Id;
    private static readonly string Rejected = Cards[1].Id;

    [Fact]
    public async Task An_approved_choice_becomes_a_phrasing_of_the_chosen_entry_a_rejected_one_is_gone_and_another_tenant_sees_neither()
    {
        using var rival = await fixture.RivalAsync();
        using var demo = await fixture.DemoAsync();
        (await rival.Http.PutAsJsonAsync("/api/v1/admin/bot/faq", new { entries = BankCards })).EnsureSuccessStatusCode();
        var faq = fixture.App.Grains.GetGrain<IKnowledgeBaseGrain>(rival.TenantId);
        await faq.RecordChoiceAsync("my plastic is gone, what now", Chosen, Guid.NewGuid());
        await faq.RecordChoiceAsync("card thing", Rejected, Guid.NewGuid());

        JsonElement choices = default;
        await Eventually.HoldsAsync(async () => (choices = await rival.GetAsync("/api/v1/admin/bot/faq/choices")).GetArrayLength() == 2, "two choices");
        var approve = choices.EnumerateArray().Single(c => c.GetProperty("entryId").GetString() == Chosen).GetProperty("id").GetGuid();
        var reject = choices.EnumerateArray().Single(c => c.GetProperty("entryId").GetString() == Rejected).GetProperty("id").GetGuid();

        // Another tenant neither sees nor touches them.
        Assert.Equal(0, (await demo.GetAsync("/api/v1/admin/bot/faq/choices")).GetArrayLength());
        await AssertProblemAsync(await demo.PostAsync($"/api/v1/admin/bot/faq/choices/{approve}/approve"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await demo.Http.DeleteAsync($"/api/v1/admin/bot/faq/choices/{reject}"), HttpStatusCode.NotFound);

        var approved = await (await rival.PostAsync($"/api/v1/admin/bot/faq/choices/{approve}/approve")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Chosen, approved.GetProperty("id").GetString());
        Assert.Contains("my plastic is gone, what now", approved.GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await rival.Http.DeleteAsync($"/api/v1/admin/bot/faq/choices/{reject}")).StatusCode);

        Assert.Equal(0, (await rival.GetAsync("/api/v1/admin/bot/faq/choices")).GetArrayLength());
        var entries = (await rival.GetAsync("/api/v1/admin/bot/faq")).GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains("my plastic is gone, what now", entries.Single(e => e.GetProperty("id").GetString() == Chosen)
            .GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        Assert.DoesNotContain("card thing", entries.Single(e => e.GetProperty("id").GetString() == Rejected)
            .GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        await AssertProblemAsync(await rival.PostAsync($"/api/v1/admin/bot/faq/choices/{approve}/approve"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_calibration_shows_the_curve_the_chosen_threshold_and_margin_the_expected_share_and_the_confusable_pairs()
    {
        using var rival = await fixture.RivalAsync();
        (await rival.Http.PutAsJsonAsync("/api/v1/admin/bot/faq", new { entries = BankCards })).EnsureSuccessStatusCode();
        var version = (await rival.GetAsync("/api/v1/admin/bot/faq")).GetProperty("version").GetInt64();

        var calibration = await rival.GetAsync("/api/v1/admin/bot/faq/calibration");

        Assert.Equal(version, calibration.GetProperty("version").GetInt64());
        Assert.True(calibration.GetProperty("inUse").GetBoolean());
        var target = (await rival.GetAsync("/api/v1/admin/settings")).TryGetProperty("faqTargetPrecision", out var set) && set.ValueKind == JsonValueKind.Number
            ? set.GetDouble() : 0.95;
        Assert.Equal(target, calibration.GetProperty("targetPrecision").GetDouble());
        Assert.Equal(31, calibration.GetProperty("curve").GetArrayLength());
        var share = calibration.GetProperty("expectedAnsweredShare").GetDouble();
        Assert.InRange(share, 0, 1);
        var threshold = calibration.GetProperty("threshold").GetDouble();
        Assert.Contains(calibration.GetProperty("curve").EnumerateArray(), p => p.GetProperty("threshold").GetDouble() == threshold);
        Assert.All(calibration.GetProperty("confusablePairs").EnumerateArray(), p =>
            Assert.NotEqual(p.GetProperty("first").GetString(), p.GetProperty("second").GetString()));
    }

    [Fact]
    public async Task A_target_precision_out_of_range_is_refused_naming_the_field_and_a_new_one_recalibrates()
    {
        using var rival = await fixture.RivalAsync();
        (await rival.Http.PutAsJsonAsync("/api/v1/admin/bot/faq", new { entries = BankCards })).EnsureSuccessStatusCode();
        var settings = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((await rival.GetAsync("/api/v1/admin/settings")).GetRawText())!;

        settings["faqTargetPrecision"] = JsonSerializer.SerializeToElement(1.5);
        var refused = await rival.Http.PutAsJsonAsync("/api/v1/admin/settings", settings);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("faqTargetPrecision", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        settings["faqTargetPrecision"] = JsonSerializer.SerializeToElement(0.8);
        settings["faqDisambiguation"] = JsonSerializer.SerializeToElement(false);
        (await rival.Http.PutAsJsonAsync("/api/v1/admin/settings", settings)).EnsureSuccessStatusCode();

        await Eventually.HoldsAsync(async () => (await rival.GetAsync("/api/v1/admin/bot/faq/calibration")).GetProperty("targetPrecision").GetDouble() == 0.8,
            "the calibration for the new target");
        Assert.False((await rival.GetAsync("/api/v1/admin/settings")).GetProperty("faqDisambiguation").GetBoolean());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
