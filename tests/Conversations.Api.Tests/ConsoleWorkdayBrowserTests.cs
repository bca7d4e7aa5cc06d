using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>
/// The console through an operator's working day, in a real Chromium: alerts for a new waiting customer, <c>/</c>
/// completion of canned replies, bot parts picked from a list with a preview, private notes the customer never gets,
/// bot messages shown by default, and error banners that clear.
/// </summary>
public sealed class ConsoleWorkdayBrowserTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 15_000 };

    /// <summary>Records the desktop notifications the page shows (the real ones are shown too).</summary>
    private const string RecordNotifications = """
        (() => {
          const Real = window.Notification;
          window.__notifications = [];
          window.Notification = class extends Real {
            constructor(title, options) { super(title, options); window.__notifications.push({ title, body: options?.body }); }
            static get permission() { return Real.permission; }
            static requestPermission() { return Real.requestPermission(); }
          };
        })();
        """;

    [Fact]
    public async Task An_operator_in_another_tab_gets_a_notification_a_chime_and_a_title_count_when_a_customer_starts_waiting()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var context = await browser.NewContextAsync(new() { Permissions = ["notifications"] });
            var page = await context.NewPageAsync();
            await page.AddInitScriptAsync(RecordNotifications);
            await SignInAsync(page);
            // The operator works in another tab meanwhile: nothing on this page is looked at.
            var other = await context.NewPageAsync();
            await other.GotoAsync("about:blank");
            var before = await WaitingCountAsync(page);

            var (visitor, conversation) = await VisitorAsync("оператор");
            using (visitor)
            {
                await Expect(page).ToHaveTitleAsync(new Regex($@"^\({before + 1}\) Conversations"), new() { Timeout = 15_000 });
                await Expect(page.GetByTestId("inbox-tab-waiting")).ToHaveTextAsync(new Regex($@"Waiting \({before + 1}\)"));
                var notifications = await page.EvaluateAsync<JsonElement>("() => window.__notifications");
                Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("title").GetString()!.EndsWith(" is waiting", StringComparison.Ordinal));
                Assert.True(int.Parse(await page.GetByTestId("alert-live").GetAttributeAsync("data-chimes") ?? "0") >= 1, "a chime was played");
                await Expect(page.GetByTestId("alert-live")).ToContainTextAsync("is waiting");

                // Taken: nobody waits for it any more, and the count goes down.
                await page.Locator($"[data-testid=inbox-row][data-conversation-id='{conversation}']").ClickAsync();
                await page.GetByTestId("action-take").ClickAsync();
                await Expect(page).ToHaveTitleAsync(before == 0 ? new Regex("^Conversations") : new Regex($@"^\({before}\) "), new() { Timeout = 15_000 });
            }
        }
    }

    [Fact]
    public async Task Slash_completion_inserts_a_canned_reply_and_bot_messages_are_shown_by_default()
    {
        using var admin = await fixture.DemoAsync();
        var shortcut = "hrs" + Guid.NewGuid().ToString("N")[..5];
        var text = $"Мы работаем с 9 до 21 ({shortcut}).";
        (await admin.PostAsync("/api/v1/admin/canned-replies", new
        {
            id = Guid.Empty, shortcut, title = "Часы работы", contents = new[] { new { type = "text", text } }, usageCount = 0,
        })).EnsureSuccessStatusCode();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var view = await SignInAsync(page);
            var (visitor, conversation) = await VisitorAsync("оператор");
            using (visitor)
            {
                await OpenAndTakeAsync(page, view, conversation);
                // What the bot already told the customer is there, in its lighter style.
                await Expect(view.Locator("[data-testid=message][data-direction=Bot]").First).ToBeVisibleAsync(Live);
                Assert.True(await page.GetByTestId("toggle-bot").IsCheckedAsync());

                var box = view.GetByTestId("composer-text");
                await box.PressSequentiallyAsync("/" + shortcut[..4]);
                var option = view.Locator($"[data-testid=slash-option][data-shortcut='{shortcut}']");
                await Expect(option).ToBeVisibleAsync();
                await box.PressAsync("Enter");
                await Expect(box).ToHaveValueAsync(text);
                await box.PressAsync("Enter");

                await Expect(view.Locator("[data-testid=message][data-direction=Operator]", new() { HasText = text })).ToBeVisibleAsync(Live);
                Assert.Contains(text, await ChannelTextAsync(visitor), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_bot_part_picked_from_the_list_is_previewed_and_arrives()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var view = await SignInAsync(page);
            var (visitor, conversation) = await VisitorAsync("оператор");
            using (visitor)
            {
                await OpenAndTakeAsync(page, view, conversation);
                await view.GetByTestId("composer-tab-bot").ClickAsync();
                await view.GetByTestId("composer-bot-step").SelectOptionAsync("delivery_info");
                var preview = view.GetByTestId("bot-part-preview");
                await Expect(preview).ToContainTextAsync("по Москве и Санкт-Петербургу");
                await view.GetByTestId("composer-send-bot").ClickAsync();

                await Expect(view.Locator("[data-testid=message][data-direction=Operator]", new() { HasText = "Доставка" }).First).ToBeVisibleAsync(Live);
                Assert.Contains("по Москве и Санкт-Петербургу", await ChannelTextAsync(visitor), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_private_note_and_a_transfer_note_are_shown_to_operators_and_never_delivered_to_the_customer()
    {
        using var admin = await fixture.DemoAsync();
        var colleague = "Olga " + Guid.NewGuid().ToString("N")[..4];
        (await admin.PostAsync("/api/v1/admin/operators", new
        {
            username = "olga" + Guid.NewGuid().ToString("N")[..6], displayName = colleague, password = "olga-password-1", role = "Operator",
        })).EnsureSuccessStatusCode();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var view = await SignInAsync(page);
            var (visitor, conversation) = await VisitorAsync("оператор");
            using (visitor)
            {
                await OpenAndTakeAsync(page, view, conversation);

                // A failed action shows the banner; the next action that works clears it.
                await view.GetByTestId("action-transfer").ClickAsync();
                await Expect(page.GetByTestId("error-banner")).ToBeVisibleAsync();
                await view.GetByTestId("composer-tab-note").ClickAsync();
                var secret = $"Скандальный клиент {Guid.NewGuid():N}";
                await view.GetByTestId("composer-note").FillAsync(secret);
                await view.GetByTestId("composer-add-note").ClickAsync();
                await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
                var note = view.Locator("[data-testid=message][data-note=true]", new() { HasText = secret });
                await Expect(note).ToBeVisibleAsync();
                await Expect(note).ToContainTextAsync("Private note");

                await view.GetByTestId("transfer-select").SelectOptionAsync(new SelectOptionValue { Label = $"{colleague} (offline)" });
                await view.GetByTestId("transfer-note").FillAsync("Перезвонить после обеда");
                await view.GetByTestId("action-transfer").ClickAsync();
                await Expect(view.GetByTestId("conversation-operator")).ToHaveTextAsync($"Operator: {colleague}");
                await Expect(view.Locator("[data-testid=message][data-note=true]", new() { HasText = "Перезвонить после обеда" })).ToBeVisibleAsync(Live);

                // The customer's channel got neither note.
                var seen = await ChannelTextAsync(visitor);
                Assert.DoesNotContain(secret, seen, StringComparison.Ordinal);
                Assert.DoesNotContain("Перезвонить после обеда", seen, StringComparison.Ordinal);
                Assert.Contains(colleague, seen, StringComparison.Ordinal); // the transfer itself is announced to them
            }
        }
    }

    [Fact]
    public async Task Labels_are_added_in_the_header_shown_on_the_row_filter_the_inbox_and_come_off_again()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var view = await SignInAsync(page);
            var (labelled, conversation) = await VisitorAsync("Хочу вернуть куртку");
            var (other, otherConversation) = await VisitorAsync("Какие у вас часы работы?");
            using (labelled)
            using (other)
            {
                var row = page.Locator($"[data-testid=inbox-row][data-conversation-id='{conversation}']");
                var otherRow = page.Locator($"[data-testid=inbox-row][data-conversation-id='{otherConversation}']");
                await Expect(otherRow).ToBeVisibleAsync(Live);
                await Expect(row).ToBeVisibleAsync(Live);
                await row.ClickAsync();

                // Typed in any case and with extra spaces, stored as one lower-case label; a second one in a row.
                var input = view.GetByTestId("label-input");
                await input.FillAsync("  Возврат   Куртки ");
                await input.PressAsync("Enter");
                await Expect(view.Locator("[data-testid=label-chip][data-label='возврат куртки']")).ToBeVisibleAsync();
                await view.GetByTestId("label-input").FillAsync("vip");
                await view.GetByTestId("label-input").PressAsync("Enter");
                await Expect(view.GetByTestId("label-chip")).ToHaveCountAsync(2);
                await Expect(row.GetByTestId("inbox-labels")).ToHaveTextAsync("возврат курткиvip");

                // The filter offers the labels in use and shows only the conversations that carry the chosen one.
                var filter = page.GetByTestId("inbox-label");
                await Expect(filter).ToBeVisibleAsync();
                await filter.SelectOptionAsync(new SelectOptionValue { Value = "возврат куртки" });
                await Expect(row).ToBeVisibleAsync();
                await Expect(otherRow).ToHaveCountAsync(0);

                // Taken off with its ×: the history says who changed what, and the API agrees.
                await view.Locator("[data-testid=label-chip][data-label=vip] [data-testid=label-remove]").ClickAsync();
                await Expect(view.GetByTestId("label-chip")).ToHaveCountAsync(1);
                using var admin = await fixture.DemoAsync();
                var detail = await admin.GetAsync($"/api/v1/conversations/{conversation}");
                Assert.Equal(["возврат куртки"], detail.GetProperty("summary").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
                await filter.SelectOptionAsync(new SelectOptionValue { Value = "" });
                await Expect(otherRow).ToBeVisibleAsync(Live);
            }
        }
    }

    [Fact]
    public async Task A_chat_passed_to_a_group_from_the_transfer_list_waits_in_the_queue_marked_with_the_group()
    {
        using var admin = await fixture.DemoAsync();
        var group = "billing" + Guid.NewGuid().ToString("N")[..4];
        var created = await (await admin.PostAsync("/api/v1/admin/operators", new
        {
            username = "bill" + Guid.NewGuid().ToString("N")[..6], displayName = "Billing Anna", password = "anna-password-1", role = "Operator",
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await admin.Http.PatchAsJsonAsync($"/api/v1/admin/operators/{created.GetProperty("operatorId").GetGuid()}", new { groups = new[] { group } }))
            .EnsureSuccessStatusCode();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var view = await SignInAsync(page);
            var (visitor, conversation) = await VisitorAsync("оператор");
            using (visitor)
            {
                await OpenAndTakeAsync(page, view, conversation);
                await view.GetByTestId("transfer-select").FocusAsync();
                await view.GetByTestId("transfer-select").SelectOptionAsync(new SelectOptionValue { Label = $"{group} (0 online)" });
                await view.GetByTestId("transfer-note").FillAsync("Двойное списание");
                await view.GetByTestId("action-transfer").ClickAsync();

                await Expect(view.GetByTestId("conversation-status")).ToHaveTextAsync("Waiting");
                var entry = page.Locator($"[data-testid=queue-entry][data-conversation-id='{conversation}']");
                await Expect(entry.GetByTestId("queue-group")).ToHaveTextAsync(group, new() { Timeout = 15_000 });
                var seen = await ChannelTextAsync(visitor);
                Assert.Contains($"({group})", seen, StringComparison.Ordinal);
                Assert.DoesNotContain("Двойное списание", seen, StringComparison.Ordinal);
            }
        }
    }

    private Task<ILocator> SignInAsync(IPage page) => ConsolePage.SignInAsync(page, fixture.BaseAddress);

    private static Task OpenAndTakeAsync(IPage page, ILocator view, Guid conversation) => ConsolePage.OpenAndTakeAsync(page, view, conversation);

    private static async Task<int> WaitingCountAsync(IPage page)
    {
        await Expect(page.GetByTestId("alerts-enable")).ToHaveAttributeAsync("data-permission", "granted");
        await Expect(page.GetByTestId("inbox-tab-waiting")).ToHaveAttributeAsync("data-count", new Regex(@"^\d+$"), new() { Timeout = 15_000 });
        return int.Parse(await page.GetByTestId("inbox-tab-waiting").GetAttributeAsync("data-count") ?? "0");
    }

    /// <summary>A widget visitor of the demo tenant who wrote <paramref name="text"/>: their client (base: the visitor API) and conversation.</summary>
    private Task<(HttpClient Visitor, Guid Conversation)> VisitorAsync(string text) => DemoVisitor.WriteAsync(fixture, text);

    /// <summary>What the visitor's channel (the widget's visitor API) shows them, as readable JSON text.</summary>
    private static async Task<string> ChannelTextAsync(HttpClient visitor) =>
        JsonSerializer.Serialize(await visitor.GetFromJsonAsync<JsonElement>("messages"),
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
