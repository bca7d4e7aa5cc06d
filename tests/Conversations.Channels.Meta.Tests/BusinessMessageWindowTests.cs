using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// A message the business starts after WhatsApp's 24-hour window closed: the host's clock starts 25 hours behind, the
/// customer writes "yesterday", and the clock moves to now.
/// </summary>
public sealed class BusinessMessageWindowTests(WhatsAppYesterdayFixture whatsApp) : IClassFixture<WhatsAppYesterdayFixture>
{
    [Fact]
    public async Task Outside_the_24_hours_a_text_is_422_naming_the_WhatsApp_rule_and_a_template_goes_out()
    {
        whatsApp.Graph.AddTemplate(WhatsAppGatewayFixture.WabaId, WhatsAppGatewayFixture.Token, "order_shipped", "en_US", "Your order {{1}} has shipped.");
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, customer);
        whatsApp.Clock.Advance(WhatsAppYesterdayFixture.Behind);
        using var crm = await BusinessMessageTests.CrmAsync(whatsApp);
        using (var admin = await WhatsAppTemplateTests.SignInAsync(whatsApp))
        {
            (await admin.PostAsync("/api/v1/admin/whatsapp-templates/sync")).EnsureSuccessStatusCode();
        }

        var text = await BusinessMessageTests.SendAsync(crm, Guid.NewGuid().ToString(), new { identity = BusinessMessageTests.Identity(customer), text = "Your order #7 has shipped." });
        var template = await BusinessMessageTests.SendAsync(crm, Guid.NewGuid().ToString(),
            new { identity = BusinessMessageTests.Identity(customer), template = new { name = "order_shipped", language = "en_US", parameters = new[] { "#7" } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
        var problem = await text.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("whatsapp.24h_window", problem.GetProperty("rule").GetString());
        Assert.Contains("template", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, template.StatusCode);
        Assert.Equal("whatsapp.template", (await template.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        await Eventually.HoldsAsync(() => Task.FromResult(whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, customer).Any(c => c.Field("type") == "template")),
            "the template sent through the Cloud API");
        Assert.Equal("#7", whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, customer).Single(c => c.Field("type") == "template")
            .Field("template.components.0.parameters.0.text"));
        Assert.DoesNotContain("Your order #7 has shipped.", BusinessMessageTests.Texts(whatsApp, customer));
    }
}
