using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Widget.Tests;

/// <summary>The widget in a real headless Chromium: one script tag on a page, a visitor writes, the bot answers.</summary>
public sealed class WidgetBrowserTests(WidgetAppFixture widget) : IClassFixture<WidgetAppFixture>
{
    [Fact]
    public async Task A_visitor_sends_a_message_sees_the_bot_reply_and_sees_the_history_after_reload()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());

            await page.GetByTestId("cw-launcher").ClickAsync();
            await page.GetByTestId("cw-input").FillAsync("Здравствуйте, где мой заказ?");
            await page.GetByTestId("cw-send").ClickAsync();

            var messages = page.GetByTestId("cw-messages");
            await Expect(messages.Locator("[data-from=customer]").First).ToContainTextAsync("где мой заказ");
            // The demo tenant's sample scenario greets and offers its menu as buttons.
            await Expect(messages.Locator("[data-from=bot]").First).ToContainTextAsync("Здравствуйте", new() { Timeout = 15_000 });
            await Expect(messages.Locator(".cw-choice").First).ToBeVisibleAsync();

            await page.ReloadAsync();

            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=customer]").First).ToContainTextAsync("где мой заказ", new() { Timeout = 15_000 });
            var botMessages = await page.GetByTestId("cw-messages").Locator("[data-from=bot]").CountAsync();
            Assert.True(botMessages >= 2, $"the bot's greeting and menu after reload, got {botMessages}");
        }
    }
}
