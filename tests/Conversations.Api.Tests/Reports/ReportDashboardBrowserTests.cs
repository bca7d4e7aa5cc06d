using System.Net.Http.Json;
using Conversations.Abstractions.Bot;
using Conversations.Api.Reports;
using Conversations.Persistence.Reports;
using Conversations.Testing;
using Conversations.Testing.Reports;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests.Reports;

/// <summary>
/// The admin dashboard in a real headless Chromium, over the known history (<see cref="KnownHistory"/>) of an English
/// tenant: the tiles show its exact headline figures, the charts draw, the breakdowns list its channels and operators,
/// an unanswered question becomes an FAQ entry with one click, and the CSV export downloads the report's columns.
/// </summary>
public sealed class ReportDashboardBrowserTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    // The browser's clock: the dashboard's "last 30 days" then holds the known history (2026-10-24/25), the 30 before it nothing.
    private static readonly DateTime BrowserNow = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task An_admin_sees_the_known_historys_tiles_charts_and_breakdowns_turns_a_question_into_an_faq_entry_and_exports_csv()
    {
        var slug = "dash-" + Guid.NewGuid().ToString("N")[..6];
        using var platform = fixture.NewClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new { slug, name = "Dash shop", adminUsername = "admin", adminPassword = "admin-password", adminDisplayName = "Ann Admin", language = "en" })).EnsureSuccessStatusCode();
        using var admin = await ApiSession.SignInAsync(fixture.NewClient(), slug, "admin", "admin-password");
        (await admin.PostAsync("/api/v1/admin/operators", new { username = "olga", displayName = "Olga Operator", role = "Operator", capacity = 3, password = "olga-password" }))
            .EnsureSuccessStatusCode();
        using var olga = await ApiSession.SignInAsync(fixture.NewClient(), slug, "olga", "olga-password");
        var history = new KnownHistory(admin.TenantId, olga.OperatorId);
        await history.CommitAllAsync(fixture.App.Store, _ => Task.CompletedTask);
        await fixture.App.Service<ReportAggregator>().FlushAsync();
        const string question = "Do you deliver on Sundays?";
        await fixture.App.Grains.GetGrain<IKnowledgeBaseGrain>(admin.TenantId).ProposeAsync(question, "Yes, from 10 to 16.", history.Conversations[7]);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 }, TimezoneId = "UTC", AcceptDownloads = true });
            await page.Clock.SetFixedTimeAsync(BrowserNow);
            await page.GotoAsync(new Uri(fixture.BaseAddress, "/console").ToString());
            await page.GetByTestId("login-tenant").FillAsync(slug);
            await page.GetByTestId("login-username").FillAsync("admin");
            await page.GetByTestId("login-password").FillAsync("admin-password");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("operator-name")).ToHaveTextAsync("Ann Admin");
            await page.GetByTestId("view-admin").ClickAsync();
            await page.GetByTestId("admin-nav-reports").ClickAsync();
            await Expect(page.GetByTestId("report-body")).ToHaveAttributeAsync("aria-busy", "false");

            // The known history's headline figures: 70 of 100 resolved by the bot, medians 90 s and 60 s, average score 4.0.
            await Expect(page.GetByTestId("report-tile-containment").GetByTestId("report-tile-value")).ToHaveTextAsync("70 %");
            await Expect(page.GetByTestId("report-tile-first-response").GetByTestId("report-tile-value")).ToHaveTextAsync("90 s");
            await Expect(page.GetByTestId("report-tile-wait").GetByTestId("report-tile-value")).ToHaveTextAsync("60 s");
            await Expect(page.GetByTestId("report-tile-csat").GetByTestId("report-tile-value")).ToHaveTextAsync("4.0");
            await Expect(page.GetByTestId("report-tile-containment").GetByTestId("report-tile-change")).ToHaveTextAsync("nothing to compare with");
            foreach (var chart in new[] { "conversations", "times", "csat", "containment" })
            {
                await Expect(page.GetByTestId($"report-chart-{chart}").Locator("canvas")).ToHaveCountAsync(1);
            }

            await Expect(page.GetByTestId("report-channel-row")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("report-channels")).ToContainTextAsync("Website widget");
            await Expect(page.GetByTestId("report-operator-row")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("report-operators")).ToContainTextAsync("Olga Operator");
            await Expect(page.GetByTestId("report-unanswered-item")).ToContainTextAsync(question);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "report-dashboard.png"), FullPage = true });
            await page.GetByTestId("report-unanswered").ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "report-dashboard-breakdowns.png"), FullPage = true });

            await page.GetByTestId("report-export-kind").SelectOptionAsync("conversations");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-export").ClickAsync());
            var csv = await File.ReadAllLinesAsync(await download.PathAsync());
            Assert.Equal(string.Join(',', [.. ReportCsv.GroupColumns(ReportKind.Conversations), .. ReportCsv.MeasureColumns]), csv[0]);
            Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
            var started = Array.IndexOf(csv[0].Split(','), "started");
            Assert.Equal(100, csv.Skip(1).Sum(line => int.Parse(line.Split(',')[started], System.Globalization.CultureInfo.InvariantCulture)));

            await page.GetByTestId("report-unanswered-add").ClickAsync();
            await Expect(page.GetByTestId("report-unanswered-item")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }

        var entries = (await admin.GetAsync("/api/v1/admin/bot/faq")).GetProperty("entries").EnumerateArray();
        Assert.Contains(entries, e => e.GetProperty("questions").EnumerateArray().Any(q => q.GetString() == question));
    }
}
