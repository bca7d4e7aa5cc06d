using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Tenants;
using Conversations.Bot.Faq;
using Conversations.Grains.Bot;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Widget.Tests;

/// <summary>"Did you mean …?" in the widget in a real Chromium: a question between close entries of the demo tenant's
/// knowledge base (here ten close bank-card entries) gets them as buttons, and a click gets the chosen entry's answer.</summary>
public sealed class WidgetFaqChoiceBrowserTests(WidgetAppFixture widget) : IClassFixture<WidgetAppFixture>
{
    private static readonly KnowledgeEntry[] Entries = [.. SampleKnowledgeBase.LoadEntries("helpdesk-en")
        .Where(e => e.Id.StartsWith("bank-card-", StringComparison.Ordinal)).Take(10)
        .Select(e => new KnowledgeEntry(e.Id, [.. e.Questions.Take(40)], e.Answer))];

    [Fact]
    public async Task A_question_between_close_entries_gets_buttons_and_a_click_gives_the_chosen_answer()
    {
        var question = await AmbiguousQuestionAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            await page.GetByTestId("cw-launcher").ClickAsync();
            var bot = page.GetByTestId("cw-messages").Locator("[data-from=bot]");
            await page.GetByTestId("cw-input").FillAsync("Привет");
            await page.GetByTestId("cw-send").ClickAsync();
            await Expect(bot.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var before = await bot.CountAsync();

            await page.GetByTestId("cw-input").FillAsync(question);
            await page.GetByTestId("cw-send").ClickAsync();
            var choices = bot.Nth(before).Locator(".cw-choice");
            await Expect(choices.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var labels = await choices.AllTextContentsAsync();
            Assert.InRange(labels.Count, 2, FaqPolicy.MaxSuggestions + 1);
            Assert.All(labels.Take(labels.Count - 1), l => Assert.Contains(Entries, e => e.Questions[0] == l));
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "faq-choice-widget.png") });

            var chosen = Array.Find(Entries, e => e.Questions[0] == labels[0])!;
            await choices.First.ClickAsync();

            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=bot]", new() { HasText = chosen.Answer[..40] }))
                .ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
    }

    /// <summary>Gives the demo tenant the close entries and returns a question its calibrated policy offers choices for
    /// (the strictest target precision that leaves one).</summary>
    private async Task<string> AmbiguousQuestionAsync()
    {
        var grains = widget.App.Grains;
        var demo = (await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync("demo"))!.TenantId;
        var tenant = grains.GetGrain<ITenantGrain>(demo);
        var questions = new[] { "my card", "something is wrong with my card", "card pin", "my card does not work" }
            .Concat(SampleKnowledgeBase.LoadQuestions("helpdesk-en").Concat(SampleKnowledgeBase.LoadQuestions("helpdesk-en", heldOut: true))
            .Where(q => q.ExpectedEntryId is { } id && Entries.Any(e => e.Id == id)).Select(q => q.Text)).ToList();
        foreach (var target in new[] { 0.99, 0.97, 0.95, 0.9 })
        {
            await tenant.UpdateSettingsAsync((await tenant.GetSettingsAsync()) with { FaqTargetPrecision = target, FrustrationOffer = false });
            var faq = grains.GetGrain<IKnowledgeBaseGrain>(demo);
            await faq.ReplaceAsync([.. Entries.Take(Entries.Length - 1)]); // a change, so the calibration is of this target
            await faq.ReplaceAsync(Entries);
            var policy = new TenantFaq(KnowledgeCalibrator.MatcherOf(Entries)!, (await faq.GetAsync()).Policy!).PolicyFor(TenantSettings.Default);
            var matcher = KnowledgeCalibrator.MatcherOf(Entries)!;
            if (questions.FirstOrDefault(q => matcher.Match(q).Decide(policy).Kind == FaqDecisionKind.Suggest) is { } question)
            {
                return question;
            }
        }

        throw new InvalidOperationException("No question gets choices under any target precision.");
    }
}
