using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>The 24-hour customer service window of WhatsApp, through the real webhook and the operator API.</summary>
public sealed class WhatsAppWindowTests(WhatsAppYesterdayFixture whatsApp) : IClassFixture<WhatsAppYesterdayFixture>
{
    [Fact]
    public async Task Outside_the_24_hour_window_a_free_form_reply_is_422_naming_the_rule_and_an_approved_template_goes_out_with_its_values()
    {
        whatsApp.Graph.AddTemplate(WhatsAppGatewayFixture.WabaId, WhatsAppGatewayFixture.Token, "order_update", "en_US", "Hello {{1}}, your order {{2}} has shipped.");
        var customer = WhatsAppGatewayFixture.NewCustomer();
        var wrote = whatsApp.Clock.GetUtcNow();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "where is my order?")));
        var conversation = await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, customer);

        whatsApp.Clock.Advance(WhatsAppYesterdayFixture.Behind);
        using var admin = await WhatsAppTemplateTests.SignInAsync(whatsApp);
        (await admin.PostAsync("/api/v1/admin/whatsapp-templates/sync")).EnsureSuccessStatusCode();
        var window = (await admin.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("windows").EnumerateArray()
            .Single(w => w.GetProperty("channel").GetString() == "WhatsApp");
        (await admin.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
        var text = await admin.PostAsync($"/api/v1/conversations/{conversation}/messages", new { text = "Sorry for the wait" });
        var template = await admin.PostAsync($"/api/v1/conversations/{conversation}/messages",
            new { template = new { name = "order_update", language = "en_US", parameters = new[] { "Anna", "#1042" } } });

        var closes = window.GetProperty("humanClosesAt").GetDateTimeOffset();
        Assert.InRange(closes, wrote.AddHours(24), wrote.AddHours(24).AddMinutes(1));
        Assert.True(closes < whatsApp.Clock.GetUtcNow(), "the window the console counts down has run out");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, text.StatusCode);
        var detail = (await text.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("WhatsApp 24-hour customer service window", detail, StringComparison.Ordinal);
        Assert.Contains("template", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var stored = (await template.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("content");
        Assert.Equal("template", stored.GetProperty("type").GetString());
        Assert.Equal("Hello Anna, your order #1042 has shipped.", stored.GetProperty("preview").GetString());

        var sent = await WhatsAppTemplateTests.SentTemplateAsync(whatsApp, customer);
        Assert.Equal("order_update", sent.Field("template.name"));
        Assert.Equal("en_US", sent.Field("template.language.code"));
        Assert.Equal("body", sent.Field("template.components.0.type"));
        Assert.Equal("Anna", sent.Field("template.components.0.parameters.0.text"));
        Assert.Equal("#1042", sent.Field("template.components.0.parameters.1.text"));
        Assert.DoesNotContain(whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, customer), c => c.Field("text.body") == "Sorry for the wait");
    }
}
