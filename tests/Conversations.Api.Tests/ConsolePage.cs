using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Api.Tests;

/// <summary>The operator console as the browser tests drive it.</summary>
public static class ConsolePage
{
    /// <summary>Signs in as the demo operator and waits for the live feed; returns the conversation view.</summary>
    public static async Task<ILocator> SignInAsync(IPage page, Uri baseAddress)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(baseAddress, "/console").ToString());
        await page.GetByTestId("login-tenant").FillAsync("demo");
        await page.GetByTestId("login-username").FillAsync("demo");
        await page.GetByTestId("login-password").FillAsync("demo-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("operator-name")).ToHaveTextAsync("Demo Operator");
        try
        {
            await Expect(page.GetByTestId("feed-status")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 15_000 });
        }
        catch (PlaywrightException ex)
        {
            var shown = await page.EvaluateAsync<string>("() => document.getElementById('login-error').textContent + ' / ' + document.getElementById('error-text').textContent");
            throw new InvalidOperationException($"The console did not go live; the page said: {string.Join(" | ", problems)} / {shown}", ex);
        }

        return page.GetByTestId("conversation-view");
    }

    /// <summary>Opens the conversation from its inbox row and takes it.</summary>
    public static async Task OpenAndTakeAsync(IPage page, ILocator view, Guid conversation)
    {
        var row = page.Locator($"[data-testid=inbox-row][data-conversation-id='{conversation}']");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await row.ClickAsync();
        await Expect(view.GetByTestId("action-take")).ToBeVisibleAsync();
        await view.GetByTestId("action-take").ClickAsync();
        await Expect(view.GetByTestId("conversation-status")).ToHaveTextAsync("Live chat");
    }
}
