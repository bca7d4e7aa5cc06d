using System.Text.Json.Nodes;
using Conversations.Testing;
using Conversations.Testing.Meta;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// A WhatsApp customer's photo and PDF, through the real webhook, fetched from Graph by their media ids and kept by us,
/// shown to the operator in the console in headless Chromium: the photo inline through our signed media link, the PDF
/// as a download.
/// </summary>
public sealed class WhatsAppConsoleMediaBrowserTests(WhatsAppConsoleMediaBrowserTests.Host whatsApp)
    : IClassFixture<WhatsAppConsoleMediaBrowserTests.Host>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_customers_photo_shows_inline_and_their_pdf_as_a_download_in_the_console()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        byte[] pdf = [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[300]];
        whatsApp.Graph.AddMedia("2004000000000001", MessengerMedia.Png, "image/png", WhatsAppGatewayFixture.Token);
        whatsApp.Graph.AddMedia("2004000000000002", pdf, "application/pdf", WhatsAppGatewayFixture.Token);
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Message(customer, WhatsAppGatewayFixture.NewMessageId(), "image",
            new JsonObject { ["id"] = "2004000000000001", ["mime_type"] = "image/png", ["caption"] = "The box arrived crushed" })));
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Message(customer, WhatsAppGatewayFixture.NewMessageId(), "document",
            new JsonObject { ["id"] = "2004000000000002", ["mime_type"] = "application/pdf", ["filename"] = "invoice-1042.pdf" })));

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(whatsApp.BaseAddress!, "/console").ToString());
            await page.GetByTestId("login-tenant").FillAsync("shop");
            await page.GetByTestId("login-username").FillAsync("admin");
            await page.GetByTestId("login-password").FillAsync("admin-password");
            await page.GetByTestId("login-submit").ClickAsync();
            var row = page.Locator("[data-testid=inbox-row]", new() { HasText = "Customer " + customer });
            await Expect(row).ToBeVisibleAsync(Live);
            await row.ClickAsync();

            var view = page.GetByTestId("conversation-view");
            var image = view.Locator("[data-testid=message][data-direction=Customer] [data-testid=media-image]");
            await Expect(image).ToBeVisibleAsync(Live);
            await Expect(image).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/api/v1/media/.+/signed\\?"), new() { Timeout = 15_000 });
            // Decoded by the browser: our copy of the bytes, not an error page.
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=media-image]'); return i && i.complete && i.naturalWidth === 1; }");
            await Expect(view.Locator("[data-testid=message][data-direction=Customer]").First).ToContainTextAsync("The box arrived crushed");
            var file = view.Locator("[data-testid=message][data-direction=Customer] [data-testid=media-file]");
            await Expect(file).ToBeVisibleAsync(Live);
            await Expect(file).ToContainTextAsync("invoice-1042.pdf");
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "whatsapp-console-media.png"), FullPage = true });
        }
    }

    /// <summary>The WhatsApp host served on loopback for the browser.</summary>
    public sealed class Host : WhatsAppGatewayFixture
    {
        protected override bool ServeOnLoopback => true;
    }
}
