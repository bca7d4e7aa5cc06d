using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>Merge and unmerge in the console's customer view, in a real headless Chromium against the real host.</summary>
public sealed class ConsoleCustomerMergeBrowserTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_operator_merges_a_duplicate_in_the_customer_view_sees_what_moved_and_who_did_it_and_splits_it_back_out()
    {
        using var demo = await fixture.DemoAsync();
        var survivor = await CustomerOfAsync(demo, await fixture.VisitorWritesAsync("demo", "Где мой заказ 1001?"));
        var absorbed = await CustomerOfAsync(demo, await fixture.VisitorWritesAsync("demo", "Это снова я, с телефона"));
        var survivorProfile = (await demo.GetAsync($"/api/v1/customers/{survivor}")).GetProperty("profile");
        var absorbedUser = (await demo.GetAsync($"/api/v1/customers/{absorbed}")).GetProperty("profile").GetProperty("identities")[0]
            .GetProperty("key").GetProperty("externalUserId").GetString();

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
            await Expect(page.GetByTestId("operator-name")).ToHaveTextAsync("Demo Operator");

            await page.GetByTestId("search-customers-input").FillAsync(survivorProfile.GetProperty("displayName").GetString()!);
            await page.GetByTestId("search-customers-submit").ClickAsync();
            await page.Locator($"[data-testid=customer-result][data-customer-id='{survivor}'] button").ClickAsync();
            var tools = page.GetByTestId("merge-tools");
            await Expect(tools.GetByTestId("merge-identity")).ToHaveCountAsync(1);
            await Expect(tools.GetByTestId("unmerge-identity")).ToHaveCountAsync(0); // the only identity cannot be split out
            await Expect(tools.GetByTestId("customer-audit")).ToContainTextAsync("Nothing changed by hand.");

            await tools.GetByTestId("merge-absorbed-id").FillAsync(absorbed.ToString());
            await tools.GetByTestId("merge-submit").ClickAsync();

            await Expect(page.GetByTestId("merge-outcome-text")).ToContainTextAsync("1 identity(ies) and 1 conversation(s) moved here");
            await Expect(page.GetByTestId("merge-identity")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("customer-conversation")).ToHaveCountAsync(2);
            await Expect(page.Locator("[data-testid=audit-entry][data-action=merged]")).ToContainTextAsync("Demo Operator");
            await Expect(page.Locator("[data-testid=audit-entry][data-action=merged]")).ToContainTextAsync(absorbed.ToString());

            await page.Locator($"[data-testid=merge-identity][data-user='{absorbedUser}'] [data-testid=unmerge-identity]").ClickAsync();

            await Expect(page.GetByTestId("merge-outcome-text")).ToContainTextAsync("Split out into a new customer");
            await Expect(page.GetByTestId("merge-identity")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("customer-conversation")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=audit-entry]").First).ToHaveAttributeAsync("data-action", "unmerged");
        }

        Assert.Single((await demo.GetAsync($"/api/v1/customers/{survivor}")).GetProperty("profile").GetProperty("identities").EnumerateArray());
    }

    private static async Task<Guid> CustomerOfAsync(ApiSession session, Guid conversation) =>
        (await session.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("customerId").GetGuid();
}
