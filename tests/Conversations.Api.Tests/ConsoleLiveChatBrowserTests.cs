using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>
/// A live chat in the console, in a real Chromium: the keys, typing and read marks on both sides, and colleagues'
/// presence in the transfer list kept current.
/// </summary>
public sealed class ConsoleLiveChatBrowserTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task Keys_open_the_longest_waiting_customer_take_send_and_release()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var view = await ConsolePage.SignInAsync(page, fixture.BaseAddress);
            var (visitor, conversation) = await DemoVisitor.WriteAsync(fixture, "оператор");
            using (visitor)
            {
                await Expect(page.Locator($"[data-testid=queue-entry][data-conversation-id='{conversation}']")).ToBeVisibleAsync(Live);
                var longest = await page.GetByTestId("queue-entry").First.GetAttributeAsync("data-conversation-id");
                await page.Keyboard.PressAsync("Alt+N");
                await Expect(page.Locator($"[data-testid=inbox-row][data-conversation-id='{longest}']")).ToHaveClassAsync(new Regex("selected"));
                await Expect(view.GetByTestId("action-take")).ToBeVisibleAsync();

                await page.Keyboard.PressAsync("Alt+T");
                await Expect(view.GetByTestId("conversation-status")).ToHaveTextAsync("Live chat");
                var text = "Ключи " + Guid.NewGuid().ToString("N")[..6];
                await view.GetByTestId("composer-text").FillAsync(text);
                await page.Keyboard.PressAsync("Control+Enter");
                await Expect(view.Locator("[data-testid=message][data-direction=Operator]", new() { HasText = text })).ToBeVisibleAsync(Live);
                await page.Keyboard.PressAsync("Alt+R");
                await Expect(view.GetByTestId("conversation-status")).ToHaveTextAsync("Bot");
            }
        }
    }

    [Fact]
    public async Task Typing_and_reading_show_on_the_other_side_live_and_nothing_is_stored()
    {
        using var admin = await fixture.DemoAsync();
        var texts = TenantTexts.DefaultsFor((await admin.GetAsync("/api/v1/admin/settings")).GetProperty("language").GetString());
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var view = await ConsolePage.SignInAsync(page, fixture.BaseAddress);
            // The customer, in the widget on the business's page (a browser of their own).
            var customer = await (await browser.NewContextAsync()).NewPageAsync();
            await customer.GotoAsync(new Uri(fixture.BaseAddress, "/widget/demo").ToString());
            await customer.GetByTestId("cw-launcher").ClickAsync();
            await customer.GetByTestId("cw-input").FillAsync("оператор");
            await customer.GetByTestId("cw-input").PressAsync("Enter");
            var asked = customer.GetByTestId("cw-messages").Locator("[data-from=customer]", new() { HasText = "оператор" });
            await Expect(customer.GetByTestId("cw-messages").Locator("[data-from=bot]").First).ToBeVisibleAsync(Live);
            // The widget keeps its stream's position, "{conversation}:{seq}", in the page's storage.
            var position = await customer.EvaluateAsync<string>(
                "() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('conversations-widget:')))).lastEventId");
            var conversation = Guid.ParseExact(position.Split(':')[0], "N");

            // The operator opens the chat: the customer sees their message read.
            await ConsolePage.OpenAndTakeAsync(page, view, conversation);
            await Expect(asked.GetByTestId("cw-read")).ToHaveTextAsync(texts[TenantTexts.WidgetRead], new() { Timeout = 15_000 });
            var seqBefore = (await admin.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("lastSeq").GetInt64();

            // Each sees the other typing.
            await customer.GetByTestId("cw-input").PressSequentiallyAsync("Где мой заказ", new() { Delay = 50 });
            await Expect(view.GetByTestId("conversation-typing")).ToContainTextAsync("is typing", new() { Timeout = 15_000 });
            await view.GetByTestId("composer-text").PressSequentiallyAsync("Сейчас посмотрю", new() { Delay = 50 });
            await Expect(customer.GetByTestId("cw-typing")).ToHaveTextAsync(texts[TenantTexts.WidgetOperatorTyping], new() { Timeout = 15_000 });
            await customer.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "widget-operator-typing.png") });

            // The reply arrives in the open panel: the operator sees it read.
            await view.GetByTestId("composer-text").PressAsync("Enter");
            await Expect(customer.GetByTestId("cw-messages").Locator("[data-from=operator]", new() { HasText = "Сейчас посмотрю" })).ToBeVisibleAsync(Live);
            await Expect(customer.GetByTestId("cw-typing")).ToBeHiddenAsync();
            var reply = view.Locator("[data-testid=message][data-direction=Operator]", new() { HasText = "Сейчас посмотрю" });
            await Expect(reply.GetByTestId("read-mark")).ToBeVisibleAsync(Live);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "console-typing-read.png"), FullPage = true });

            // Typing and reading stored nothing: the conversation grew by the reply alone.
            var seqAfter = (await admin.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("lastSeq").GetInt64();
            Assert.Equal(seqBefore + 1, seqAfter);
        }
    }

    [Fact]
    public async Task The_transfer_list_shows_a_colleagues_presence_as_it_is_when_the_operator_goes_to_pick()
    {
        using var admin = await fixture.DemoAsync();
        var username = "pavel" + Guid.NewGuid().ToString("N")[..6];
        var name = "Pavel " + username[5..];
        (await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = name, password = "pavel-password-1", role = "Operator" }))
            .EnsureSuccessStatusCode();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var view = await ConsolePage.SignInAsync(page, fixture.BaseAddress);
            var (visitor, conversation) = await DemoVisitor.WriteAsync(fixture, "оператор");
            using (visitor)
            {
                await ConsolePage.OpenAndTakeAsync(page, view, conversation);
                var pavel = view.GetByTestId("transfer-select").Locator("option", new() { HasText = name });
                await Expect(pavel).ToHaveTextAsync($"{name} (offline)");

                // Pavel comes online in his own console meanwhile; the operator moves to the list to pick.
                using var colleague = await ApiSession.SignInAsync(fixture.NewClient(), "demo", username, "pavel-password-1");
                (await colleague.Http.PutAsJsonAsync("/api/v1/me/presence", new { presence = "Online" })).EnsureSuccessStatusCode();
                await view.GetByTestId("transfer-select").HoverAsync();

                await Expect(pavel).ToHaveTextAsync($"{name} (online)");
            }
        }
    }
}
