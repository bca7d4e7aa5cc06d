using System.Net;
using System.Text;
using Conversations.Abstractions.Messages;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>The webhook as Meta calls it: the verification handshake, signed batches, redelivery, routing by number and app.</summary>
public sealed class WhatsAppWebhookTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    [Fact]
    public async Task The_verification_handshake_echoes_the_challenge_for_the_apps_verify_token()
    {
        var response = await whatsApp.Http.GetAsync(
            $"/webhooks/whatsapp/{WhatsAppGatewayFixture.AppId}?hub.mode=subscribe&hub.verify_token={WhatsAppGatewayFixture.VerifyToken}&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("subscribe", "wrong-token", WhatsAppGatewayFixture.AppId)]
    [InlineData("unsubscribe", WhatsAppGatewayFixture.VerifyToken, WhatsAppGatewayFixture.AppId)]
    [InlineData("subscribe", WhatsAppGatewayFixture.VerifyToken, "999")]
    public async Task The_handshake_is_refused_with_a_wrong_token_mode_or_app(string mode, string token, string appId)
    {
        var response = await whatsApp.Http.GetAsync($"/webhooks/whatsapp/{appId}?hub.mode={mode}&hub.verify_token={token}&hub.challenge=challenge-echo-7d1f");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("challenge-echo-7d1f", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_of_three_entries_with_two_messages_each_is_stored_whole_and_a_redelivery_adds_nothing()
    {
        var customers = Enumerable.Range(0, 6).Select(_ => WhatsAppGatewayFixture.NewCustomer()).ToList();
        var entries = Enumerable.Range(0, 3).Select(e => GraphApiStandIn.Entry(WhatsAppGatewayFixture.WabaId,
            GraphApiStandIn.Change(WhatsAppGatewayFixture.PhoneNumberId,
                [.. customers.Skip(e * 2).Take(2).Select(c => GraphApiStandIn.Text(c, WhatsAppGatewayFixture.NewMessageId(), $"from {c}"))]))).ToArray();
        var body = GraphApiStandIn.Notification(entries);

        var first = await whatsApp.DeliverAsync(body);
        var again = await whatsApp.Graph.RedeliverAsync(whatsApp.Http, whatsApp.Graph.Deliveries[^1]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        foreach (var customer in customers)
        {
            var stored = await whatsApp.CustomerMessagesAsync(customer);
            Assert.Equal($"from {customer}", Assert.IsType<TextContent>(Assert.Single(stored).Content).Text);
        }
    }

    [Fact]
    public async Task Two_messages_of_one_customer_in_one_change_are_both_stored_in_order()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        var body = GraphApiStandIn.Notification(GraphApiStandIn.Entry(WhatsAppGatewayFixture.WabaId, GraphApiStandIn.Change(WhatsAppGatewayFixture.PhoneNumberId,
            [GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "first"), GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "second")])));

        Assert.Equal(HttpStatusCode.OK, (await whatsApp.DeliverAsync(body)).StatusCode);

        Assert.Equal(["first", "second"], (await whatsApp.CustomerMessagesAsync(customer)).Select(m => m.Content.ToPlainText()));
    }

    [Fact]
    public async Task A_body_signed_over_other_bytes_is_refused_and_nothing_is_stored()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        var body = WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello"));
        var signature = Conversations.Channels.Webhooks.HmacSignature.Sign(Conversations.Channels.Webhooks.HmacAlgorithm.Sha256,
            WhatsAppGatewayFixture.AppSecret, body, Conversations.Channels.Webhooks.SignatureEncoding.Hex, "sha256=");
        // The same JSON re-serialised with other whitespace: the signature no longer covers these bytes.
        var reformatted = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(",", ", ", StringComparison.Ordinal));

        var response = await whatsApp.Graph.DeliverAsync(whatsApp.Http, $"/webhooks/whatsapp/{WhatsAppGatewayFixture.AppId}", reformatted,
            new Dictionary<string, string> { ["X-Hub-Signature-256"] = signature });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await whatsApp.HistoryAsync(customer));
    }

    [Fact]
    public async Task A_message_for_a_number_that_is_not_connected_is_acknowledged_and_dropped()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        var body = GraphApiStandIn.Notification(GraphApiStandIn.Entry(WhatsAppGatewayFixture.WabaId,
            GraphApiStandIn.Change("999000111", [GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "to another number")]),
            GraphApiStandIn.Change(WhatsAppGatewayFixture.PhoneNumberId, [GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "to ours")])));

        Assert.Equal(HttpStatusCode.OK, (await whatsApp.DeliverAsync(body)).StatusCode);

        Assert.Equal(["to ours"], (await whatsApp.CustomerMessagesAsync(customer)).Select(m => m.Content.ToPlainText()));
    }

    [Fact]
    public async Task Statuses_and_messages_in_one_change_are_all_read_and_the_messages_stored()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        var body = GraphApiStandIn.Notification(GraphApiStandIn.Entry(WhatsAppGatewayFixture.WabaId, GraphApiStandIn.Change(WhatsAppGatewayFixture.PhoneNumberId,
            [GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "after the status")],
            [GraphApiStandIn.Status("wamid.ours", customer, "delivered"), GraphApiStandIn.Status("wamid.ours2", customer, "failed", errorCode: 131047, errorTitle: "Re-engagement message")])));

        Assert.Equal(HttpStatusCode.OK, (await whatsApp.DeliverAsync(body)).StatusCode);

        Assert.Equal(["after the status"], (await whatsApp.CustomerMessagesAsync(customer)).Select(m => m.Content.ToPlainText()));
    }

    [Fact]
    public async Task A_body_that_is_not_a_whatsapp_webhook_is_400_naming_the_problem()
    {
        var response = await whatsApp.DeliverAsync(Encoding.UTF8.GetBytes("{\"object\":\"page\",\"entry\":[]}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("whatsapp_business_account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
