using System.Text.Json;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Widget.Tests;

/// <summary>The widget as a visitor chats in a real Chromium: each message once, nothing lost before the session, a tidy panel.</summary>
public sealed class WidgetChatBrowserTests(WidgetAppFixture widget) : IClassFixture<WidgetAppFixture>
{
    [Fact]
    public async Task Three_quick_messages_whose_live_events_arrive_before_their_answers_are_each_shown_once()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            await page.GetByTestId("cw-launcher").ClickAsync();
            var messages = page.GetByTestId("cw-messages");
            // The first message opens the conversation and the live stream.
            await page.GetByTestId("cw-input").FillAsync("Добрый день");
            await page.GetByTestId("cw-send").ClickAsync();
            await Expect(messages.Locator("[data-from=bot]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });

            // From now on each send's answer is held until the message's live event has reached the page.
            var held = 0;
            await page.RouteAsync("**/widget/v1/*/messages", async route =>
            {
                if (route.Request.Method != "POST" || Volatile.Read(ref held) >= 3)
                {
                    await route.ContinueAsync();
                    return;
                }

                var response = await route.FetchAsync();
                var stored = JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("messageId").GetString();
                await Expect(messages.Locator($"[data-message-id='{stored}']")).Not.ToHaveCountAsync(0, new() { Timeout = 15_000 });
                Interlocked.Increment(ref held);
                await route.FulfillAsync(new() { Response = response });
            });

            var marker = Guid.NewGuid().ToString("N")[..8];
            var texts = new[] { $"one {marker}", $"two {marker}", $"three {marker}" };
            foreach (var text in texts)
            {
                await page.GetByTestId("cw-input").FillAsync(text);
                await page.GetByTestId("cw-input").PressAsync("Enter");
            }

            // Messages go out one at a time: once a fourth (not held) is confirmed, the page has handled all three answers.
            await page.GetByTestId("cw-input").FillAsync($"four {marker}");
            await page.GetByTestId("cw-input").PressAsync("Enter");
            await Expect(messages.Locator("[data-from=customer]", new() { HasText = $"four {marker}" })).Not.ToHaveClassAsync(
                new System.Text.RegularExpressions.Regex("cw-pending|cw-failed"), new() { Timeout = 30_000 });
            await Expect(messages.Locator(".cw-pending")).ToHaveCountAsync(0);
            Assert.Equal(3, Volatile.Read(ref held));
            foreach (var text in texts)
            {
                await Expect(messages.Locator("[data-from=customer]", new() { HasText = text })).ToHaveCountAsync(1);
            }

            // In the order written.
            var shown = await messages.Locator("[data-from=customer]").AllInnerTextsAsync();
            Assert.Equal([.. texts, $"four {marker}"], shown.Where(t => t.Contains(marker, StringComparison.Ordinal)).Select(t => t.Trim()));
        }
    }

    [Fact]
    public async Task A_message_written_before_the_session_exists_waits_for_it_and_is_delivered_without_a_developer_message()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            // The first attempt to open the session fails (a silo restarting); the widget tries again by itself.
            var sessions = 0;
            var release = new TaskCompletionSource();
            await page.RouteAsync("**/widget/v1/*/session", async route =>
            {
                if (Interlocked.Increment(ref sessions) == 1)
                {
                    await release.Task;
                    await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = "{\"title\":\"Temporarily unavailable\"}" });
                    return;
                }

                await route.ContinueAsync();
            });
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            await page.GetByTestId("cw-launcher").ClickAsync();
            var text = $"Пишу сразу {Guid.NewGuid():N}";
            await page.GetByTestId("cw-input").FillAsync(text);
            await page.GetByTestId("cw-send").ClickAsync();
            var mine = page.GetByTestId("cw-messages").Locator("[data-from=customer]", new() { HasText = text });
            await Expect(mine).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cw-pending"));
            release.SetResult();

            await Expect(mine).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cw-pending|cw-failed"), new() { Timeout = 15_000 });
            await Expect(mine).ToHaveCountAsync(1);
            Assert.True(sessions >= 2, $"the session was tried again, got {sessions} attempts");
            await Expect(page.Locator(".cw-status")).Not.ToContainTextAsync("session");
            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=bot]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });

            await page.ReloadAsync();
            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=customer]", new() { HasText = text })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        }
    }

    [Fact]
    public async Task A_message_sent_with_a_token_the_server_no_longer_accepts_opens_a_new_session_and_is_delivered()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            // The server no longer accepts the page's token when the message goes out (its signing key rotated).
            var sends = await SentMessages.RouteAsync(page, route => route.FulfillAsync(new()
            {
                Status = 401,
                ContentType = "application/problem+json",
                Body = "{\"title\":\"Invalid visitor token\",\"detail\":\"Start a session first (POST /widget/v1/{account}/session)\"}",
            }));
            var sessions = 0;
            page.Request += (_, request) =>
            {
                if (request.Url.EndsWith("/session", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref sessions);
                }
            };
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            await page.GetByTestId("cw-launcher").ClickAsync();
            await Expect(page.GetByTestId("cw-send")).ToHaveTextAsync(TenantTexts.Defaults[TenantTexts.WidgetSend]);
            var text = $"После смены ключа {Guid.NewGuid():N}";
            await page.GetByTestId("cw-input").FillAsync(text);
            await page.GetByTestId("cw-send").ClickAsync();

            var mine = page.GetByTestId("cw-messages").Locator("[data-from=customer]", new() { HasText = text });
            await Expect(mine).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cw-pending|cw-failed"), new() { Timeout = 15_000 });
            await Expect(mine).ToHaveCountAsync(1);
            Assert.Equal(2, sends.Count);
            Assert.Equal(sends.Ids[0], sends.Ids[1]);
            Assert.Equal(2, sessions);
            await Expect(page.Locator(".cw-status")).ToHaveTextAsync("");
        }
    }

    [Fact]
    public async Task The_demo_page_shows_the_widgets_own_title_and_the_panel_is_labelled_for_screen_readers()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            var launcher = page.GetByRole(AriaRole.Button, new() { Name = TenantTexts.English[TenantTexts.WidgetOpen] });
            // Drawn, not an emoji: the launcher carries an SVG and no text.
            await Expect(launcher.Locator("svg")).ToHaveCountAsync(1);
            await Expect(launcher).ToHaveTextAsync("");
            await launcher.PressAsync("Enter");

            // The demo tenant's widget is called "Demo shop" by its admin (the seeder), and the page does not override it.
            await Expect(page.GetByTestId("cw-title")).ToHaveTextAsync("Demo shop", new() { Timeout = 15_000 });
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Demo shop" })).ToBeVisibleAsync();
            // The demo tenant speaks Russian: the labels come from its texts.
            await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = TenantTexts.Defaults[TenantTexts.WidgetMessageLabel] })).ToBeFocusedAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = TenantTexts.Defaults[TenantTexts.WidgetClose] })).ToBeVisibleAsync();

            // Escape closes the panel and gives the keyboard back to the launcher.
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.GetByTestId("cw-launcher")).ToBeFocusedAsync();
            await Expect(page.GetByTestId("cw-launcher")).ToHaveAttributeAsync("aria-label", TenantTexts.Defaults[TenantTexts.WidgetOpen]);
        }
    }

    [Fact]
    public async Task On_a_phone_sized_screen_the_open_chat_fills_the_screen()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 667 }, IsMobile = true, HasTouch = true });
            await page.GotoAsync(new Uri(widget.BaseAddress, "/widget/demo").ToString());
            await page.GetByTestId("cw-launcher").TapAsync();
            await page.GetByTestId("cw-input").FillAsync("С телефона");
            await page.GetByTestId("cw-send").TapAsync();
            await Expect(page.GetByTestId("cw-messages").Locator("[data-from=bot]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });

            var panel = await page.Locator(".cw-panel").BoundingBoxAsync();
            Assert.NotNull(panel);
            Assert.Equal(0, panel.X, 1);
            Assert.Equal(375, panel.Width, 1);
            Assert.Equal(667, panel.Height, 1);
            var send = await page.GetByTestId("cw-send").BoundingBoxAsync();
            Assert.True(send!.Height >= 44, $"a thumb-sized send button, got {send.Height}px");
            Assert.True(send.Y + send.Height <= 667, "the send button on screen");
        }
    }
}
