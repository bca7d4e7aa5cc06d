using System.Text.RegularExpressions;
using Conversations.Api.Console;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>The operator console (<c>/console</c>) in a real headless Chromium against the real host and its live feed.</summary>
public sealed partial class ConsoleBrowserTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Reply = "Здравствуйте! Сейчас проверю ваш заказ.";
    private const string CannedText = "Спасибо за обращение!";

    // The live feed, the bot's handoff and delivery reports run through the silo: give them more than the 5 s default.
    private static readonly LocatorAssertionsToHaveAttributeOptions ArrivesLive = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_operator_sees_a_waiting_customer_arrive_live_takes_the_chat_answers_with_text_and_a_canned_reply_and_releases_it()
    {
        using var admin = await fixture.DemoAsync();
        (await admin.PostAsync("/api/v1/admin/canned-replies", new
        {
            id = Guid.Empty,
            shortcut = "thanks",
            title = "Thanks",
            contents = new[] { new { type = "text", text = CannedText } },
            usageCount = 0,
        })).EnsureSuccessStatusCode();

        var (playwright, browser) = await Chromium.LaunchAsync();
        Guid conversationId;
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var view = await SignInAsync(page);

            // The customer asks for a human only now: their row can reach the loaded page only through the live feed.
            conversationId = await fixture.VisitorWritesAsync("demo", "оператор");
            var row = page.Locator($"[data-testid=inbox-row][data-conversation-id='{conversationId}']");
            await Expect(row).ToHaveAttributeAsync("data-flagged", "true", ArrivesLive);
            await Expect(row.GetByTestId("inbox-flag")).ToBeVisibleAsync();
            await Expect(row.GetByTestId("inbox-status")).ToHaveTextAsync("Waiting");
            await Expect(row.GetByTestId("inbox-window")).ToHaveTextAsync("no limit"); // the widget has no messaging window

            await row.ClickAsync();
            await Expect(view.GetByTestId("conversation-title")).ToContainTextAsync("Website visitor");
            await Expect(view.Locator("[data-testid=message][data-direction=Customer]").Last).ToHaveTextAsync(new Regex("оператор"));
            await Expect(page.GetByTestId("customer-profile")).ToContainTextAsync("Website widget");

            await view.GetByTestId("action-take").ClickAsync();
            await Expect(view.GetByTestId("conversation-status")).ToHaveTextAsync("Live chat");
            await Expect(view.GetByTestId("conversation-release")).ToHaveTextAsync(Countdown()); // about an hour, ticking

            await view.GetByTestId("composer-text").FillAsync(Reply);
            await view.GetByTestId("composer-send").ClickAsync();
            var reply = OperatorMessage(view, Reply);
            await Expect(reply).ToBeVisibleAsync();
            await Expect(reply.GetByTestId("delivery-status")).ToHaveAttributeAsync("data-status", "Sent", ArrivesLive);

            await view.GetByTestId("composer-tab-canned").ClickAsync();
            var canned = view.Locator("[data-testid=canned-reply][data-shortcut=thanks]");
            await Expect(canned.GetByTestId("canned-usage")).ToHaveTextAsync("sent 0×");
            await canned.GetByTestId("canned-send").ClickAsync();
            await Expect(OperatorMessage(view, CannedText)).ToBeVisibleAsync();
            await Expect(canned.GetByTestId("canned-usage")).ToHaveTextAsync("sent 1×");

            await view.GetByTestId("action-release").ClickAsync();
            await Expect(view.GetByTestId("conversation-status")).ToHaveTextAsync("Bot");
            await Expect(row.GetByTestId("inbox-status")).ToHaveTextAsync("Bot");
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }

        // The customer got both replies: the conversation holds them and the widget channel took them.
        var history = await admin.GetAsync($"/api/v1/conversations/{conversationId}/messages?after=0&limit=200");
        var sent = history.EnumerateArray().Where(m => m.GetProperty("direction").GetString() == "Operator").ToList();
        Assert.Equal([Reply, CannedText], sent.Select(m => m.GetProperty("content").GetProperty("text").GetString()));
        Assert.All(sent, m => Assert.Equal("Sent", m.GetProperty("delivery").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_live_event_lost_on_the_way_is_caught_up_from_the_history_when_the_next_one_skips_its_sequence_number()
    {
        using var operatorApi = await fixture.DemoAsync(); // the same operator, from another client
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.AddInitScriptAsync(LoseEventsMentioning);
            var view = await SignInAsync(page);

            var conversationId = await fixture.VisitorWritesAsync("demo", "оператор");
            (await operatorApi.PostAsync($"/api/v1/conversations/{conversationId}/take")).EnsureSuccessStatusCode();
            await page.Locator($"[data-testid=inbox-row][data-conversation-id='{conversationId}']").ClickAsync();
            await Expect(view.GetByTestId("conversation-status")).ToHaveTextAsync("Live chat");
            await Expect(view.GetByTestId("message-list")).ToHaveAttributeAsync("aria-busy", "false");

            await page.EvaluateAsync("() => { window.loseEventsMentioning = 'lost on the way'; }");
            (await operatorApi.PostAsync($"/api/v1/conversations/{conversationId}/messages", new { text = "First reply, lost on the way" })).EnsureSuccessStatusCode();
            await page.WaitForFunctionAsync("() => window.lostEvents === 1");
            (await operatorApi.PostAsync($"/api/v1/conversations/{conversationId}/messages", new { text = "Second reply" })).EnsureSuccessStatusCode();

            var replies = view.Locator("[data-testid=message][data-direction=Operator]");
            await Expect(replies).ToHaveTextAsync([new Regex("First reply, lost on the way"), new Regex("Second reply")], new() { Timeout = 15_000 });
        }
    }

    /// <summary>Wraps the browser's EventSource so that `conversation` events whose data mention window.loseEventsMentioning never reach the page.</summary>
    private const string LoseEventsMentioning = """
        window.lostEvents = 0;
        window.EventSource = class extends window.EventSource {
            addEventListener(type, listener, options) {
                const filtered = type !== 'conversation' ? listener : (event) => {
                    if (window.loseEventsMentioning && event.data.includes(window.loseEventsMentioning)) {
                        window.lostEvents += 1;
                        return;
                    }
                    listener(event);
                };
                super.addEventListener(type, filtered, options);
            }
        };
        """;

    private async Task<ILocator> SignInAsync(IPage page)
    {
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/console").ToString());
        await page.GetByTestId("login-tenant").FillAsync("demo");
        await page.GetByTestId("login-username").FillAsync("demo");
        await page.GetByTestId("login-password").FillAsync("demo-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("operator-name")).ToHaveTextAsync("Demo Operator");
        await Expect(page.GetByTestId("inbox-list")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(page.GetByTestId("feed-status")).ToHaveAttributeAsync("data-state", "live", ArrivesLive);
        return page.GetByTestId("conversation-view");
    }

    private static ILocator OperatorMessage(ILocator view, string text) =>
        view.Locator("[data-testid=message][data-direction=Operator]", new() { HasText = text });

    [GeneratedRegex(@"^\d+:\d\d(:\d\d)?$")]
    private static partial Regex Countdown();
}
