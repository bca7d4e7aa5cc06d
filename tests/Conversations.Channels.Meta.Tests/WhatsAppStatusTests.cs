using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>WhatsApp status webhooks (sent, delivered, read, failed) through the real webhook endpoint, seen in the operator API.</summary>
public sealed class WhatsAppStatusTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    [Fact]
    public async Task Delivered_and_read_statuses_move_the_bots_message_forward_and_a_late_or_redelivered_one_never_back()
    {
        var (customer, conversation, botMessage) = await CustomerGetsTheBotsAnswerAsync();

        await StatusAsync(customer, "delivered", botMessage);
        var delivered = await DeliveryAsync(conversation, botMessage);
        await StatusAsync(customer, "read", botMessage);
        await StatusAsync(customer, "delivered", botMessage); // redelivered, or arriving after the read
        await StatusAsync(customer, "sent", botMessage);
        var read = await DeliveryAsync(conversation, botMessage);

        Assert.Equal("Delivered", delivered.GetProperty("status").GetString());
        Assert.Equal("Read", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_failed_status_with_131047_marks_the_message_failed_with_the_code_and_closes_the_window_so_only_a_template_goes()
    {
        await WhatsAppTemplateTests.RegisterAsync(whatsApp, "follow_up", "en", "We are still here for you, {{1}}.");
        whatsApp.Graph.AddTemplate(WhatsAppGatewayFixture.WabaId, WhatsAppGatewayFixture.Token, "follow_up", "en", "We are still here for you, {{1}}.");
        var (customer, conversation, botMessage) = await CustomerGetsTheBotsAnswerAsync();
        using var session = await WhatsAppTemplateTests.SignInAsync(whatsApp);
        var before = await WindowClosesAtAsync(session, conversation);

        await StatusAsync(customer, "failed", botMessage, 131047, "Re-engagement message");
        var failed = await DeliveryAsync(conversation, botMessage);
        var after = await WindowClosesAtAsync(session, conversation);
        (await session.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
        var text = await session.PostAsync($"/api/v1/conversations/{conversation}/messages", new { text = "Are you there?" });
        var template = await session.PostAsync($"/api/v1/conversations/{conversation}/messages",
            new { template = new { name = "follow_up", language = "en", parameters = new[] { "Anna" } } });

        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Contains("131047", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(before > whatsApp.Clock.GetUtcNow().AddHours(23), "the window was open for a day");
        Assert.True(after <= whatsApp.Clock.GetUtcNow(), $"the window closed in our state ({after:u})");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, text.StatusCode);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
    }

    [Fact]
    public async Task The_customers_next_message_opens_a_new_window_after_131047()
    {
        var (customer, conversation, botMessage) = await CustomerGetsTheBotsAnswerAsync();
        using var session = await WhatsAppTemplateTests.SignInAsync(whatsApp);
        await StatusAsync(customer, "failed", botMessage, 131047, "Re-engagement message");
        var closed = await WindowClosesAtAsync(session, conversation);

        whatsApp.Clock.Advance(TimeSpan.FromSeconds(5));
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "I am back")));
        var reopened = await WindowClosesAtAsync(session, conversation);

        Assert.True(closed <= whatsApp.Clock.GetUtcNow());
        Assert.True(reopened > whatsApp.Clock.GetUtcNow().AddHours(23), $"a new 24-hour window ({reopened:u})");
    }

    private async Task<(string Customer, Guid Conversation, Guid BotMessage)> CustomerGetsTheBotsAnswerAsync()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await Eventually.HoldsAsync(() => Task.FromResult(whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, customer).Count > 0), "the bot's answer sent");
        var ours = Guid.Parse(whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, customer)[0].Field("biz_opaque_callback_data")!);
        var conversation = await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, customer);
        await Eventually.HoldsAsync(async () => (await DeliveryAsync(conversation, ours)).GetProperty("status").GetString() == "Sent", "the send recorded");
        return (customer, conversation, ours);
    }

    private async Task StatusAsync(string customer, string status, Guid ours, int? errorCode = null, string? errorTitle = null)
    {
        var body = GraphApiStandIn.Notification(GraphApiStandIn.Entry(WhatsAppGatewayFixture.WabaId, GraphApiStandIn.Change(WhatsAppGatewayFixture.PhoneNumberId,
            statuses: [GraphApiStandIn.Status("wamid.status-" + ours.ToString("N"), customer, status, ours.ToString(), errorCode, errorTitle)])));
        (await whatsApp.DeliverAsync(body)).EnsureSuccessStatusCode();
    }

    private async Task<JsonElement> DeliveryAsync(Guid conversation, Guid messageId)
    {
        using var session = await WhatsAppTemplateTests.SignInAsync(whatsApp);
        var messages = await session.GetAsync($"/api/v1/conversations/{conversation}/messages?includeBot=true");
        return messages.EnumerateArray().Single(m => m.GetProperty("messageId").GetGuid() == messageId).GetProperty("delivery");
    }

    private static async Task<DateTimeOffset> WindowClosesAtAsync(ApiSession session, Guid conversation) =>
        (await session.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("windows").EnumerateArray()
            .Single(w => w.GetProperty("channel").GetString() == "WhatsApp").GetProperty("humanClosesAt").GetDateTimeOffset();
}
