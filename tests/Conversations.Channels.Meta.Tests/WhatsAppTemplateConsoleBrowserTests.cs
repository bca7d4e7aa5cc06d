using Conversations.Testing;
using Conversations.Testing.Meta;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// The console's template picker in headless Chromium: a WhatsApp customer who wrote yesterday can only get an approved
/// template, so the composer says so and opens on the Template tab; the operator fills the placeholders, reads the
/// message as the customer will, and the Cloud API stand-in receives the template with those values.
/// </summary>
public sealed class WhatsAppTemplateConsoleBrowserTests(WhatsAppTemplateConsoleBrowserTests.Host whatsApp)
    : IClassFixture<WhatsAppTemplateConsoleBrowserTests.Host>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task After_the_window_closes_the_composer_offers_approved_templates_and_sends_one_with_the_values_typed()
    {
        whatsApp.Graph.AddTemplate(WhatsAppGatewayFixture.WabaId, WhatsAppGatewayFixture.Token, "order_update", "en_US", "Hello {{1}}, your order {{2}} has shipped.");
        whatsApp.Graph.AddTemplate(WhatsAppGatewayFixture.WabaId, WhatsAppGatewayFixture.Token, "spring_sale", "en_US", "Spring sale for {{1}}", status: "PENDING", category: "MARKETING");
        var yesterday = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(yesterday, WhatsAppGatewayFixture.NewMessageId(), "where is my order?")));
        await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, yesterday);
        whatsApp.Clock.Advance(WhatsAppYesterdayFixture.Behind);
        var today = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(today, WhatsAppGatewayFixture.NewMessageId(), "hello, are you open today?")));
        await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, today);
        using (var admin = await ApiSession.SignInAsync(new HttpClient { BaseAddress = whatsApp.BaseAddress }, "shop", "admin", "admin-password"))
        {
            (await admin.PostAsync("/api/v1/admin/whatsapp-templates/sync")).EnsureSuccessStatusCode();
        }

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

            // Within the window: the Template tab is there, but the operator writes freely.
            await OpenAndTakeAsync(page, today);
            await Expect(page.GetByTestId("composer-tab-template")).ToBeVisibleAsync(Live);
            await Expect(page.GetByTestId("composer-tab-text")).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(page.GetByTestId("composer-window-closed")).ToBeHiddenAsync();

            // A day later: the composer says why and opens on the templates; only the approved one is offered.
            await page.GetByTestId("inbox-older").CheckAsync();
            await OpenAndTakeAsync(page, yesterday);
            await Expect(page.GetByTestId("composer-window-closed")).ToBeVisibleAsync(Live);
            await Expect(page.GetByTestId("composer-tab-template")).ToHaveAttributeAsync("aria-selected", "true");
            var choice = page.GetByTestId("composer-template");
            await Expect(choice.Locator("option")).ToHaveTextAsync(["order_update · en_US · utility"]);
            var values = page.GetByTestId("template-parameter");
            await Expect(values).ToHaveCountAsync(2);
            await values.Nth(0).FillAsync("Anna");
            await Expect(page.GetByTestId("template-preview")).ToHaveTextAsync("Hello Anna, your order {{2}} has shipped.");
            await values.Nth(1).FillAsync("#1042");
            await Expect(page.GetByTestId("template-preview")).ToHaveTextAsync("Hello Anna, your order #1042 has shipped.");
            await page.GetByTestId("composer-send-template").ClickAsync();

            var sent = page.Locator("[data-testid=message][data-direction=Operator]", new() { HasText = "Hello Anna, your order #1042 has shipped." });
            await Expect(sent).ToBeVisibleAsync(Live);
            await Expect(values.Nth(0)).ToHaveValueAsync("");
            await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }

        var template = await WhatsAppTemplateTests.SentTemplateAsync(whatsApp, yesterday);
        Assert.Equal("order_update", template.Field("template.name"));
        Assert.Equal("en_US", template.Field("template.language.code"));
        Assert.Equal("Anna", template.Field("template.components.0.parameters.0.text"));
        Assert.Equal("#1042", template.Field("template.components.0.parameters.1.text"));
    }

    private static async Task OpenAndTakeAsync(IPage page, string waId)
    {
        var row = page.Locator("[data-testid=inbox-row]", new() { HasText = "Customer " + waId });
        await Expect(row).ToBeVisibleAsync(Live);
        await row.ClickAsync();
        await Expect(page.GetByTestId("conversation-view")).ToContainTextAsync("Customer " + waId, new() { Timeout = 15_000 });
        await page.GetByTestId("action-take").ClickAsync();
        await Expect(page.GetByTestId("composer")).ToBeVisibleAsync(Live);
    }

    /// <summary>The WhatsApp host whose clock starts a day behind, served on loopback for the browser.</summary>
    public sealed class Host : WhatsAppYesterdayFixture
    {
        protected override bool ServeOnLoopback => true;
    }
}
