using System.Net;
using System.Text;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// WhatsApp's policy asks for a way to a human, not for a bot disclosure: the bot says nothing of the kind there until
/// the tenant turns it on for WhatsApp, and then it says the tenant's own text, through the real webhook and the Graph stand-in.
/// </summary>
public sealed class WhatsAppAutomationDisclosureTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    private const string MergePatch = "application/merge-patch+json";

    [Fact]
    public async Task Off_on_whatsapp_by_default_and_once_the_tenant_turns_it_on_the_bot_says_the_tenants_own_text_before_its_first_reply()
    {
        var before = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(before, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await Eventually.HoldsAsync(() => whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, before).Count > 0, "the bot's reply");
        Assert.DoesNotContain(whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, before),
            c => c.Field("text.body") == TenantTexts.Defaults[TenantTexts.AutomationDisclosure]);

        using (var admin = await WhatsAppTemplateTests.SignInAsync(whatsApp))
        {
            (await admin.Http.PatchAsync("/api/v1/admin/settings", new StringContent(
                $$$"""{"automationDisclosure": ["WhatsApp"], "texts": {"{{{TenantTexts.AutomationDisclosure}}}": "Shop's assistant here, a bot."}}""",
                Encoding.UTF8, MergePatch))).EnsureSuccessStatusCode();
        }

        var after = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(after, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await Eventually.HoldsAsync(() => whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, after).Count >= 2, "the disclosure and the reply");

        var sent = whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, after);
        Assert.Equal("Shop's assistant here, a bot.", sent[0].Field("text.body"));
        Assert.NotEqual("Shop's assistant here, a bot.", sent[1].Field("text.body"));
    }

    [Theory]
    [InlineData("""{"automationDisclosure": ["NotificationEmail"]}""")]
    [InlineData("""{"automationDisclosure": ["Fax"]}""")]
    [InlineData("""{"automationDisclosure": "WhatsApp"}""")]
    public async Task A_disclosure_list_naming_no_customer_channel_is_refused_naming_the_field(string body)
    {
        using var admin = await WhatsAppTemplateTests.SignInAsync(whatsApp);

        var response = await admin.Http.PatchAsync("/api/v1/admin/settings", new StringContent(body, Encoding.UTF8, MergePatch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("automationDisclosure", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
