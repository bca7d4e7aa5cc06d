using Conversations.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Email.Tests;

/// <summary>
/// In the operator console (Chromium): a customer's mail shows its new part, and "Original mail" opens the whole of it,
/// headers, the HTML in a sandboxed frame with the tracker left out until the operator asks, and the .eml to download.
/// </summary>
public sealed class EmailOriginalMailBrowserTests(EmailConsoleFixture email) : IClassFixture<EmailConsoleFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_operator_opens_a_mails_original_sees_the_quoted_history_loads_remote_images_only_on_request_and_downloads_the_eml()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var mail = OriginalMailSamples.HtmlMail(customer, "Mila Original", "Damaged parcel");
        var raw = EmailGatewayFixture.Raw(mail);
        (await email.PushAsync(raw, email.Sign(raw))).EnsureSuccessStatusCode();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
            await page.GotoAsync(new Uri(email.BaseAddress!, "/console").ToString());
            await page.GetByTestId("login-tenant").FillAsync("shop");
            await page.GetByTestId("login-username").FillAsync("admin");
            await page.GetByTestId("login-password").FillAsync("admin-password");
            await page.GetByTestId("login-submit").ClickAsync();
            var row = page.Locator("[data-testid=inbox-row]", new() { HasText = "Mila Original" });
            await Expect(row).ToBeVisibleAsync(Live);
            await row.ClickAsync();
            var text = page.Locator("[data-testid=message][data-direction=Customer]", new() { HasText = "The parcel came damaged." });
            await Expect(text).ToBeVisibleAsync(Live);
            await Expect(text).Not.ToContainTextAsync("Your order has shipped.");

            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "email-original-mail-message.png") });
            await text.GetByTestId("original-mail-button").ClickAsync();
            var dialog = page.GetByTestId("original-mail");
            await Expect(dialog.GetByTestId("original-mail-headers")).ToContainTextAsync("Damaged parcel", new() { Timeout = 15_000 });
            await Expect(dialog.GetByTestId("original-mail-headers")).ToContainTextAsync(customer);
            await Expect(dialog.GetByTestId("original-mail-remote")).ToContainTextAsync("2 remote image(s) not loaded");
            var frame = page.FrameLocator("[data-testid=original-mail-html]");
            await Expect(frame.Locator("blockquote")).ToContainTextAsync("Your order has shipped.");
            await Expect(frame.Locator("img[data-remote-image=blocked]")).ToHaveCountAsync(1);
            await Expect(frame.Locator("img[src^='https://tracker.example']")).ToHaveCountAsync(0);
            await Expect(frame.Locator("img[alt=logo]")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
            await Expect(frame.Locator("script")).ToHaveCountAsync(0);
            Assert.Equal("sandbox", await page.GetByTestId("original-mail-html").EvaluateAsync<string>("f => f.sandbox.contains('allow-scripts') ? 'scripts' : 'sandbox'"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "email-original-mail.png") });

            var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByTestId("original-mail-download").ClickAsync());
            Assert.EndsWith(".eml", download.SuggestedFilename, StringComparison.Ordinal);
            Assert.Equal(raw, await File.ReadAllBytesAsync(await download.PathAsync()));

            await dialog.GetByTestId("original-mail-load-images").ClickAsync();
            await Expect(frame.Locator("img[src^='https://tracker.example/open.gif']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Expect(dialog.GetByTestId("original-mail-remote")).ToHaveCountAsync(0);
            await Expect(dialog.GetByTestId("original-mail-body")).Not.ToContainTextAsync("null");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "email-original-mail-images.png") });
        }
    }
}
