using System.Text.RegularExpressions;
using Conversations.Abstractions.Bot;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>The FAQ screen's answering quality in a real headless Chromium: the demo tenant (Russian) sees its curve,
/// the expected share answered and a customer's "did you mean" choice, and approves it into a phrasing.</summary>
public sealed class FaqQualityBrowserTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly LocatorAssertionsToHaveAttributeOptions ArrivesLive = new() { Timeout = 15_000 };

    [Fact]
    public async Task The_faq_screen_shows_the_curve_the_expected_share_and_a_choice_that_approved_becomes_a_phrasing()
    {
        using var admin = await fixture.DemoAsync();
        var entry = (await admin.GetAsync("/api/v1/admin/bot/faq")).GetProperty("entries")[0].GetProperty("id").GetString()!;
        const string question = "а можно как-нибудь по-другому это сделать";
        await fixture.App.Grains.GetGrain<IKnowledgeBaseGrain>(admin.TenantId).RecordChoiceAsync(question, entry, Guid.NewGuid());
        await Eventually.HoldsAsync(async () => (await admin.GetAsync("/api/v1/admin/bot/faq/choices")).GetArrayLength() == 1, "the choice");

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
            await Expect(page.GetByTestId("feed-status")).ToHaveAttributeAsync("data-state", "live", ArrivesLive);
            await page.GetByTestId("view-admin").ClickAsync();
            await page.GetByTestId("admin-nav-faq").ClickAsync();
            await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("data-section", "faq");

            await Expect(page.GetByTestId("faq-curve")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("faq-expected-share")).ToHaveTextAsync(new Regex(@"^\d+ %$"));
            await Expect(page.GetByTestId("faq-policy")).ToContainTextAsync("Целевая точность 95 %");
            var choice = page.GetByTestId("faq-choice");
            await Expect(choice).ToContainTextAsync(question);
            await page.GetByTestId("faq-calibration").ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "faq-quality-admin.png"), FullPage = true });

            await choice.GetByTestId("faq-choice-approve").ClickAsync();
            await Expect(page.GetByTestId("faq-choice")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }

        var entries = (await admin.GetAsync("/api/v1/admin/bot/faq")).GetProperty("entries").EnumerateArray();
        Assert.Contains(question, entries.Single(e => e.GetProperty("id").GetString() == entry).GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
    }

    [Fact]
    public async Task A_suggestion_close_to_an_entry_is_added_to_it_as_a_phrasing_with_one_click()
    {
        using var admin = await fixture.DemoAsync();
        var entry = (await admin.GetAsync("/api/v1/admin/bot/faq")).GetProperty("entries")[0];
        var entryId = entry.GetProperty("id").GetString()!;
        var question = entry.GetProperty("questions")[0].GetString()! + " подскажите, пожалуйста, очень нужно";
        await fixture.App.Grains.GetGrain<IKnowledgeBaseGrain>(admin.TenantId).ProposeAsync(question, "Ответ оператора своими словами.", Guid.NewGuid());
        await Eventually.HoldsAsync(async () => (await admin.GetAsync("/api/v1/admin/bot/faq/suggestions")).EnumerateArray()
            .Any(x => x.GetProperty("question").GetString() == question), "the suggestion");

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
            await Expect(page.GetByTestId("feed-status")).ToHaveAttributeAsync("data-state", "live", ArrivesLive);
            await page.GetByTestId("view-admin").ClickAsync();
            await page.GetByTestId("admin-nav-faq").ClickAsync();
            await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("data-section", "faq");

            var suggestion = page.GetByTestId("faq-suggestion").Filter(new() { Has = page.Locator($"input[value=\"{question}\"]") });
            var into = suggestion.GetByTestId("faq-approve-into");
            await Expect(into).ToHaveTextAsync($"Добавить как вариант вопроса {entryId}");
            await suggestion.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "faq-suggestion-into.png") });

            await into.ClickAsync();
            await Expect(suggestion).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }

        var entries = (await admin.GetAsync("/api/v1/admin/bot/faq")).GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(question, entries.Single(e => e.GetProperty("id").GetString() == entryId).GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        Assert.DoesNotContain(entries, e => e.GetProperty("answer").GetString() == "Ответ оператора своими словами.");
    }
}
