using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>An operator edits the customer beside a conversation in the console (real headless Chromium, real host).</summary>
public sealed class ConsoleCustomerProfileBrowserTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_operator_gives_a_visitor_a_real_name_contacts_tags_and_notes_in_the_profile_card_and_the_search_finds_them()
    {
        using var demo = await fixture.DemoAsync();
        var conversation = await fixture.VisitorWritesAsync("demo", "Подскажите, есть ли самовывоз?");
        var customer = (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("customerId").GetGuid();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(fixture.BaseAddress, "/console").ToString());
            await page.GetByTestId("login-tenant").FillAsync("demo");
            await page.GetByTestId("login-username").FillAsync("demo");
            await page.GetByTestId("login-password").FillAsync("demo-password");
            await page.GetByTestId("login-submit").ClickAsync();
            var row = page.Locator($"[data-testid=inbox-row][data-conversation-id='{conversation}']");
            await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await row.Locator("button").First.ClickAsync();

            var card = page.GetByTestId("customer-profile");
            await card.GetByTestId("profile-edit").ClickAsync();
            await Expect(card.GetByTestId("profile-edit-name")).ToHaveValueAsync(""); // a generated name is offered as a placeholder only
            await card.GetByTestId("profile-edit-name").FillAsync("Глеб Самовывозов");
            await card.GetByTestId("profile-edit-phones").FillAsync("+7 912 345-67-10");
            await card.GetByTestId("profile-edit-emails").FillAsync("gleb@example.com");
            await card.GetByTestId("profile-edit-tags").FillAsync("самовывоз, VIP");
            await card.GetByTestId("profile-edit-notes").FillAsync("Забирает заказы сам по субботам");
            await card.GetByTestId("profile-edit-save").ClickAsync();

            await Expect(card.GetByTestId("profile-name")).ToHaveTextAsync("Глеб Самовывозов");
            await Expect(card.GetByTestId("profile-phones")).ToContainTextAsync("+79123456710");
            await Expect(card.GetByTestId("profile-tag")).ToHaveTextAsync(["самовывоз", "vip"]);
            await Expect(card.GetByTestId("profile-notes")).ToHaveTextAsync("Забирает заказы сам по субботам");
            await Expect(card.GetByTestId("profile-edit-form")).ToBeHiddenAsync();

            // A bad phone is refused with the field named, and nothing changes.
            await card.GetByTestId("profile-edit").ClickAsync();
            await card.GetByTestId("profile-edit-phones").FillAsync("позвоните мне");
            await card.GetByTestId("profile-edit-save").ClickAsync();
            await Expect(page.GetByTestId("error-text")).ToContainTextAsync("$.phones[0]");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "profile-edit-console.png"), FullPage = true });

            await page.GetByTestId("search-customers-input").FillAsync("самовывоз");
            await page.GetByTestId("search-customers-submit").ClickAsync();
            await Expect(page.Locator($"[data-testid=customer-result][data-customer-id='{customer}']")).ToBeVisibleAsync();
        }

        var audit = (await demo.GetAsync($"/api/v1/customers/{customer}/audit")).EnumerateArray().ToList();
        Assert.Equal("edited", Assert.Single(audit).GetProperty("action").GetString());
    }
}
