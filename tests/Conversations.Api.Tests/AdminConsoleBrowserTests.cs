using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>
/// The console's admin screens in a real headless Chromium, each doing an admin's task end to end and checked where it
/// shows: in the widget, in a chat, at the API.
/// </summary>
public sealed class AdminConsoleBrowserTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly LocatorAssertionsToHaveAttributeOptions ArrivesLive = new() { Timeout = 15_000 };

    [Fact]
    public async Task Changing_the_working_hours_on_the_settings_screen_changes_the_widgets_reply_to_a_handoff()
    {
        var before = await Visitor.StartAsync(fixture, "demo");
        await before.SendAsync("оператор");
        await Eventually.HoldsAsync(async () => (await before.BotTextsAsync()).Contains(TenantTexts.Defaults[TenantTexts.HandoffNotified]), "operators notified (open)");

        // Open only tomorrow (UTC), one hour: now is outside the working hours, and they are back tomorrow at 09:00.
        var tomorrow = DateTime.UtcNow.AddDays(1).DayOfWeek.ToString();
        await WithAdminAsync(async page =>
        {
            await OpenSectionAsync(page, "settings");
            var form = page.GetByTestId("settings-form");
            await form.GetByTestId("settings-timezone").FillAsync("UTC");
            foreach (var remove in await form.GetByTestId("interval-remove").AllAsync())
            {
                await form.GetByTestId("interval-remove").First.ClickAsync();
            }

            await form.GetByTestId($"settings-add-{tomorrow}").ClickAsync();
            var interval = form.GetByTestId($"settings-day-{tomorrow}").GetByTestId("interval");
            await interval.GetByTestId("interval-from").FillAsync("09:00");
            await interval.GetByTestId("interval-to").FillAsync("10:00");
            await form.GetByTestId("settings-save").ClickAsync();
            await Expect(page.GetByTestId("settings-status")).ToHaveTextAsync("Сохранено");
        });

        var after = await Visitor.StartAsync(fixture, "demo");
        await after.SendAsync("оператор");
        var outOfHours = TenantTexts.Defaults[TenantTexts.HandoffOutOfHours].Split("{nextOpening}")[0];
        await Eventually.HoldsAsync(async () => (await after.BotTextsAsync()).Any(t => t.StartsWith(outOfHours, StringComparison.Ordinal) && t.Contains("09:00", StringComparison.Ordinal)),
            "the out-of-hours reply naming tomorrow's opening");
        using var admin = await fixture.DemoAsync();
        var week = (await admin.GetAsync("/api/v1/admin/settings")).GetProperty("workingHours").GetProperty("week");
        Assert.Equal([tomorrow], week.EnumerateObject().Select(d => d.Name));
        Assert.Equal(["09:00-10:00"], week.GetProperty(tomorrow).EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task A_canned_reply_created_on_its_screen_is_sent_from_a_chat()
    {
        const string text = "Your parcel leaves our warehouse within a day.";
        await WithAdminAsync(async page =>
        {
            await OpenSectionAsync(page, "canned");
            await page.GetByTestId("canned-shortcut").FillAsync("parcel");
            await page.GetByTestId("canned-title").FillAsync("Parcel dispatch");
            await page.GetByTestId("canned-text").FillAsync(text);
            await page.GetByTestId("canned-save").ClickAsync();
            await Expect(page.GetByTestId("canned-status")).ToHaveTextAsync("Сохранено");
            await Expect(page.Locator("[data-testid=canned-admin-row][data-shortcut=parcel]")).ToContainTextAsync("Parcel dispatch");

            await page.GetByTestId("view-inbox").ClickAsync();
            var conversation = await fixture.VisitorWritesAsync("demo", "оператор");
            await page.Locator($"[data-testid=inbox-row][data-conversation-id='{conversation}']").ClickAsync();
            var view = page.GetByTestId("conversation-view");
            await view.GetByTestId("action-take").ClickAsync();
            await Expect(view.GetByTestId("conversation-status")).ToHaveTextAsync("Live chat");
            await view.GetByTestId("composer-tab-canned").ClickAsync();
            await view.Locator("[data-testid=canned-reply][data-shortcut=parcel]").GetByTestId("canned-send").ClickAsync();
            await Expect(view.Locator("[data-testid=message][data-direction=Operator]", new() { HasText = text })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task An_api_key_created_on_its_screen_works_until_it_is_revoked_there()
    {
        await WithAdminAsync(async page =>
        {
            await OpenSectionAsync(page, "apikeys");
            await page.GetByTestId("apikey-name").FillAsync("CRM sync");
            await page.GetByTestId("apikey-create").ClickAsync();
            var key = await page.GetByTestId("apikey-secret").TextContentAsync() ?? "";
            var row = page.Locator("[data-testid=apikey-row][data-name='CRM sync']");
            await Expect(row).ToContainTextAsync($"cvk_…{key[^12..]}"); // the random end: no two keys share it
            await Expect(row.GetByTestId("apikey-last-used")).ToHaveTextAsync("никогда");

            using var integration = fixture.NewClient();
            integration.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/v1/inbox")).StatusCode);

            // Used, the key shows when (recorded off the request's path): the list read again has a date instead of "never".
            using var admin = await fixture.DemoAsync();
            await Eventually.HoldsAsync(async () => (await admin.GetAsync("/api/v1/admin/api-keys")).EnumerateArray()
                .Any(k => k.GetProperty("name").GetString() == "CRM sync" && k.GetProperty("lastUsedAt").ValueKind == JsonValueKind.String), "the key's use recorded");
            await OpenSectionAsync(page, "apikeys");
            await Expect(row.GetByTestId("apikey-last-used")).Not.ToHaveTextAsync("никогда");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "admin-apikeys-last-used.png"), FullPage = true });

            page.Dialog += (_, dialog) => dialog.AcceptAsync();
            await row.GetByTestId("apikey-revoke").ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
            Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("/api/v1/inbox")).StatusCode);
        });
    }

    [Fact]
    public async Task A_scenario_shows_its_problems_at_their_paths_and_once_published_the_widget_follows_it()
    {
        await WithAdminAsync(async page =>
        {
            await OpenSectionAsync(page, "scenario");
            var editor = page.GetByTestId("scenario-editor");
            await editor.FillAsync("""{ "start": "hello", "steps": [ { "id": "hello", "kind": "message", "text": "Hi", "next": "nowhere" } ] }""");
            await page.GetByTestId("scenario-check").ClickAsync();
            await Expect(page.GetByTestId("scenario-problem").First).ToHaveAttributeAsync("data-path", "steps[0].next");
            await Expect(page.GetByTestId("scenario-problem").First).ToContainTextAsync("nowhere");

            await editor.FillAsync("""{ "start": "hello", "steps": [ { "id": "hello", "kind": "end", "text": "Welcome to the admin's shop!" } ] }""");
            await page.GetByTestId("scenario-publish").ClickAsync();
            await Expect(page.GetByTestId("scenario-status")).ToHaveTextAsync("Опубликован");
            await Expect(page.GetByTestId("scenario-version").First).ToContainTextAsync("(действует)");
        });

        var visitor = await Visitor.StartAsync(fixture, "demo");
        await visitor.SendAsync("hello");
        await Eventually.HoldsAsync(async () => (await visitor.BotTextsAsync()).Contains("Welcome to the admin's shop!"), "the published greeting");

        // The other tests here walk the demo shop's scenario: roll back to it on the same screen.
        await WithAdminAsync(async page =>
        {
            page.Dialog += (_, dialog) => dialog.AcceptAsync();
            await OpenSectionAsync(page, "scenario");
            // Compared with the live one, the earlier version lacks the new greeting: it is the line added since.
            await page.GetByTestId("scenario-version").Nth(1).GetByTestId("scenario-compare").ClickAsync();
            await Expect(page.GetByTestId("scenario-diff").Locator("[data-change=added]", new() { HasTextString = "Welcome to the admin's shop!" })).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("scenario-diff").Locator("[data-change=removed]").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "admin-scenario-diff.png"), FullPage = true });
            await page.GetByTestId("scenario-version").Nth(1).GetByTestId("scenario-rollback").ClickAsync();
            await Expect(page.GetByTestId("scenario-status")).ToHaveTextAsync("Версия возвращена");
        });
        using var admin = await fixture.DemoAsync();
        var versions = await admin.GetAsync("/api/v1/admin/bot/scenario/versions");
        Assert.Equal(versions[2].GetProperty("json").GetString(), versions[0].GetProperty("json").GetString());
    }

    [Fact]
    public async Task The_faq_screen_shows_which_entry_a_question_matches_and_its_score()
    {
        using var admin = await fixture.DemoAsync();
        var entry = (await admin.GetAsync("/api/v1/admin/bot/faq")).GetProperty("entries")[0];
        var question = entry.GetProperty("questions")[0].GetString()!;

        await WithAdminAsync(async page =>
        {
            await OpenSectionAsync(page, "faq");
            await page.GetByTestId("faq-try-question").FillAsync(question);
            await page.GetByTestId("faq-try").ClickAsync();
            await Expect(page.GetByTestId("faq-try-entry")).ToHaveTextAsync(entry.GetProperty("id").GetString()!);
            await Expect(page.GetByTestId("faq-try-score")).ToHaveTextAsync(new Regex(@"^\d+ %$"));
            await Expect(page.GetByTestId("faq-try-verdict")).ToHaveTextAsync("бот отвечает");
        });
    }

    [Fact]
    public async Task A_text_changed_on_the_texts_screen_is_the_tenants_until_it_is_reset_to_the_default()
    {
        const string text = "Возвращаем вас боту. Пишите, если что!";
        var row = $"[data-testid=text-row][data-key='{TenantTexts.LiveChatReleased}']";
        using var admin = await fixture.DemoAsync();
        await WithAdminAsync(async page =>
        {
            await OpenSectionAsync(page, "texts");
            await Expect(page.Locator(row)).ToContainTextAsync(TenantTexts.Defaults[TenantTexts.LiveChatReleased]); // the default beside the field
            await page.Locator(row).GetByTestId("text-input").FillAsync(text);
            await page.GetByTestId("texts-save").ClickAsync();
            await Expect(page.GetByTestId("texts-status")).ToHaveTextAsync("Сохранено");
            Assert.Equal(text, (await admin.GetAsync("/api/v1/admin/settings")).GetProperty("texts").GetProperty(TenantTexts.LiveChatReleased).GetString());

            await page.Locator(row).GetByTestId("text-reset").ClickAsync();
            await page.GetByTestId("texts-save").ClickAsync();
            await Expect(page.GetByTestId("texts-status")).ToHaveTextAsync("Сохранено");
        });

        Assert.False((await admin.GetAsync("/api/v1/admin/settings")).GetProperty("texts").TryGetProperty(TenantTexts.LiveChatReleased, out _));
    }

    [Fact]
    public async Task An_operator_sees_no_admin_screens()
    {
        using var admin = await fixture.DemoAsync();
        var username = "noadmin" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = "No Admin", role = "Operator", capacity = 3, password = "noadmin-password" }))
            .EnsureSuccessStatusCode();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await SignInAsync(page, username, "noadmin-password", "No Admin");
            await Expect(page.GetByTestId("view-admin")).ToBeHiddenAsync();
            await Expect(page.GetByTestId("admin-view")).ToBeHiddenAsync();
        }
    }

    [Fact]
    public async Task A_number_the_platform_disabled_is_named_with_its_reason_in_a_banner_on_the_admin_screens()
    {
        using var admin = await fixture.DemoAsync();
        var key = new Abstractions.Channels.ChannelAccountKey(Abstractions.Channels.ChannelKind.WhatsApp, "15550009001");
        var account = await fixture.App.Grains.GetGrain<Abstractions.Channels.IChannelAccountGrain>(key.ToGrainKey()).ConnectAsync(new(
            key, admin.TenantId, "+1 555-000-9001", Abstractions.Channels.InboundMode.Webhook, "EAAG-dead-token", null, true));
        try
        {
            await WithAdminAsync(async page =>
            {
                await OpenSectionAsync(page, "settings");
                await Expect(page.GetByTestId("account-disabled-banner")).ToBeHiddenAsync();

                await fixture.App.Service<Channels.Accounts.ChannelAccountDisabler>().DisableAsync(account, "the access token expired or was revoked (Graph error 190)");
                await OpenSectionAsync(page, "channels");
                await Expect(page.GetByTestId("account-disabled")).ToHaveTextAsync(
                    "WhatsApp +1 555-000-9001 (15550009001) отключён: the access token expired or was revoked (Graph error 190) — подключите его заново в разделе «Каналы».");
                await Expect(page.Locator("[data-testid=channel-row][data-account='15550009001']")).ToContainTextAsync("отключён: the access token expired");
                await Expect(page.GetByTestId("account-disabled-banner")).Not.ToContainTextAsync("EAAG-dead-token");
            });
        }
        finally
        {
            await fixture.App.Grains.GetGrain<Abstractions.Channels.IChannelAccountGrain>(key.ToGrainKey()).DisconnectAsync(admin.TenantId);
        }
    }

    private async Task WithAdminAsync(Func<IPage, Task> task)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
            await SignInAsync(page, "demo", "demo-password", "Demo Operator");
            await task(page);
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }
    }

    private async Task SignInAsync(IPage page, string username, string password, string name)
    {
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/console").ToString());
        await page.GetByTestId("login-tenant").FillAsync("demo");
        await page.GetByTestId("login-username").FillAsync(username);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("operator-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("feed-status")).ToHaveAttributeAsync("data-state", "live", ArrivesLive);
    }

    private static async Task OpenSectionAsync(IPage page, string section)
    {
        await page.GetByTestId("view-admin").ClickAsync();
        await page.GetByTestId($"admin-nav-{section}").ClickAsync();
        await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("data-section", section);
        await Expect(page.GetByTestId("admin-content")).ToHaveAttributeAsync("aria-busy", "false");
    }

    /// <summary>A website visitor of a widget, through the widget's visitor API.</summary>
    private sealed class Visitor(HttpClient http, string widget)
    {
        public static async Task<Visitor> StartAsync(ApiFixture fixture, string widget)
        {
            var http = fixture.NewClient();
            var session = await (await http.PostAsJsonAsync($"/widget/v1/{widget}/session", new { })).Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
            return new Visitor(http, widget);
        }

        public async Task SendAsync(string text) =>
            (await http.PostAsJsonAsync($"/widget/v1/{widget}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text })).EnsureSuccessStatusCode();

        public async Task<IReadOnlyList<string>> BotTextsAsync()
        {
            var history = await http.GetFromJsonAsync<JsonElement>($"/widget/v1/{widget}/messages");
            return [.. history.EnumerateArray().Where(m => m.GetProperty("from").GetString() == "bot")
                .Select(m => m.GetProperty("content").TryGetProperty("text", out var t) ? t.GetString() ?? "" : "")];
        }
    }
}
