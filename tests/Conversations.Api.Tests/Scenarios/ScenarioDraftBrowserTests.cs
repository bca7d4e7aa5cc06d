using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests.Scenarios;

/// <summary>
/// The scenario screen's draft and test chat in a real headless Chromium: the admin saves a draft, talks to it as a
/// customer in the chat pane while the widget keeps the live scenario, then publishes it and the widget follows.
/// </summary>
public sealed class ScenarioDraftBrowserTests(ScenarioDraftFixture fixture) : IClassFixture<ScenarioDraftFixture>
{
    private static readonly LocatorAssertionsToHaveAttributeOptions ArrivesLive = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_draft_is_tried_in_the_chat_pane_while_the_widget_keeps_the_live_scenario_then_published_and_the_widget_follows()
    {
        using var admin = await fixture.DemoAsync();
        var inbox = (await admin.GetAsync("/api/v1/inbox?limit=200&all=true")).GetProperty("items").GetArrayLength();
        await WithAdminAsync(async page =>
        {
            await OpenScenarioAsync(page);
            await page.GetByTestId("scenario-editor").FillAsync(ScenarioDraftTests.Menu);
            await page.GetByTestId("scenario-save-draft").ClickAsync();
            await Expect(page.GetByTestId("scenario-status")).ToHaveTextAsync("Черновик сохранён");
            await Expect(page.GetByTestId("scenario-draft")).ToContainTextAsync("не опубликован");

            // The chat pane: the admin is the customer, the draft answers.
            var chat = page.GetByTestId("scenario-test");
            await chat.GetByTestId("scenario-test-start").ClickAsync();
            var bot = chat.Locator("[data-testid=scenario-test-message][data-direction=bot]");
            await Expect(bot.First).ToContainTextAsync("Draft shop: what do you need?");
            await chat.GetByTestId("scenario-test-button").GetByText("Delivery").ClickAsync();
            await Expect(chat.Locator("[data-testid=scenario-test-message][data-direction=customer]")).ToHaveTextAsync("Delivery");
            await Expect(bot.Nth(1)).ToHaveTextAsync("Draft delivery takes two days.");
            await chat.GetByTestId("scenario-test-input").FillAsync("оператор");
            await chat.GetByTestId("scenario-test-send").ClickAsync();
            await Expect(chat.GetByTestId("scenario-test-handoff")).ToHaveTextAsync("Здесь чат перешёл бы к оператору.");
            await Expect(chat.GetByTestId("scenario-test-status")).ToHaveTextAsync("Только проверка: ничего не отправлено.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "admin-scenario-draft-test.png"), FullPage = true });
        });

        // The widget still runs the live scenario, and the test chat left nothing in the inbox.
        var before = await WidgetVisitor.StartAsync(fixture);
        await before.SendAsync("/start");
        await Eventually.HoldsAsync(async () => (await before.BotTextsAsync()).Count > 0, "the live scenario's greeting");
        Assert.DoesNotContain("Draft shop: what do you need?", await before.BotTextsAsync());
        Assert.Equal(inbox + 1, (await admin.GetAsync("/api/v1/inbox?limit=200&all=true")).GetProperty("items").GetArrayLength()); // the visitor's only

        await WithAdminAsync(async page =>
        {
            await OpenScenarioAsync(page);
            // The saved draft, not the live scenario, is what the editor opens.
            await Expect(page.GetByTestId("scenario-editor")).ToHaveValueAsync(ScenarioDraftTests.Menu);
            await page.GetByTestId("scenario-publish").ClickAsync();
            await Expect(page.GetByTestId("scenario-status")).ToHaveTextAsync("Опубликован");
            await Expect(page.GetByTestId("scenario-draft")).ToHaveTextAsync("Черновика нет: в редакторе действующий сценарий.");
            await Expect(page.GetByTestId("scenario-version").First).ToContainTextAsync("(действует)");
        });

        var after = await WidgetVisitor.StartAsync(fixture);
        await after.SendAsync("/start");
        await Eventually.HoldsAsync(async () => (await after.BotTextsAsync()).Contains("Draft shop: what do you need?"), "the published draft's greeting");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync("/api/v1/admin/bot/scenario/draft")).StatusCode);
    }

    private async Task WithAdminAsync(Func<IPage, Task> task)
    {
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
            await task(page);
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }
    }

    private static async Task OpenScenarioAsync(IPage page)
    {
        await page.GetByTestId("view-admin").ClickAsync();
        await page.GetByTestId("admin-nav-scenario").ClickAsync();
        await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("data-section", "scenario");
        await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("aria-busy", "false");
    }

    /// <summary>A visitor of the demo tenant's website widget, through the widget's visitor API.</summary>
    private sealed class WidgetVisitor(HttpClient http)
    {
        public static async Task<WidgetVisitor> StartAsync(ScenarioDraftFixture fixture)
        {
            var http = fixture.NewClient();
            var session = await (await http.PostAsJsonAsync("/widget/v1/demo/session", new { })).Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
            return new WidgetVisitor(http);
        }

        public async Task SendAsync(string text) =>
            (await http.PostAsJsonAsync("/widget/v1/demo/messages", new { clientMessageId = Guid.NewGuid().ToString(), text })).EnsureSuccessStatusCode();

        public async Task<IReadOnlyList<string>> BotTextsAsync()
        {
            var history = await http.GetFromJsonAsync<JsonElement>("/widget/v1/demo/messages");
            return [.. history.EnumerateArray().Where(m => m.GetProperty("from").GetString() == "bot")
                .Select(m => m.GetProperty("content").TryGetProperty("text", out var t) ? t.GetString() ?? "" : "")];
        }
    }
}
