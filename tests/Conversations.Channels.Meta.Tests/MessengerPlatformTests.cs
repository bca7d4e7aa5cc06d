using System.Net;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Messages;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Messenger-specific behaviour: echoes (ours ignored, Meta inbox replies kept as operator messages) never answered, replies through the Send API within its limits.</summary>
public sealed class MessengerPlatformTests(MessengerConformanceDriver messenger) : IClassFixture<MessengerConformanceDriver>
{
    [Fact]
    public async Task An_echo_of_our_own_send_is_acknowledged_not_stored_and_not_answered()
    {
        var sample = await messenger.NewTextMessageAsync("hello");
        await messenger.DeliverAsync(sample, Conversations.Testing.Channels.WebhookCredential.Valid);
        // The bot says it is a bot before its first reply (Messenger's disclosure, on by default): two sends.
        await Eventually.HoldsAsync(() => messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, sample.Customer).Count == 2, "the bot's disclosure and reply");
        var before = (await messenger.StoredFromAsync(sample)).Count;

        // An echo comes from the Page to the customer (sender = the Page), with is_echo and the app that sent it: ours.
        var response = await DeliverEchoAsync(sample.Customer, "m_echo_ours_" + sample.Customer, long.Parse(WhatsAppGatewayFixture.AppId, System.Globalization.CultureInfo.InvariantCulture), "the bot's own reply");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, (await messenger.StoredFromAsync(sample)).Count);
        Assert.Equal(2, messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, sample.Customer).Count);
    }

    [Fact]
    public async Task A_reply_typed_in_metas_inbox_is_stored_once_as_an_operator_message_and_neither_answered_nor_sent_again()
    {
        var sample = await messenger.NewTextMessageAsync("hello");
        await messenger.DeliverAsync(sample, Conversations.Testing.Channels.WebhookCredential.Valid);
        await Eventually.HoldsAsync(() => messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, sample.Customer).Count == 2, "the bot's disclosure and reply");

        // Meta's inbox is another app than ours (the docs' example app id); Meta redelivers the same echo.
        var mid = "m_echo_inbox_" + sample.Customer;
        var first = await DeliverEchoAsync(sample.Customer, mid, 1517776481860111, "Anna here, your parcel left today");
        var again = await DeliverEchoAsync(sample.Customer, mid, 1517776481860111, "Anna here, your parcel left today");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var typed = Assert.Single(await messenger.StoredFromAsync(sample), m => m.Content is TextContent { Text: "Anna here, your parcel left today" });
        Assert.Equal(MessageDirection.Operator, typed.Direction);
        // The chat's sends go out in order: had the echo been answered or queued for sending, that send would come
        // before the bot's answer to the customer's next message.
        var next = GraphApiStandIn.PlatformEvent(sample.Customer, MessengerPlatformDriver.PageId, "message", new JsonObject { ["mid"] = "m_next_" + sample.Customer, ["text"] = "thanks" });
        await messenger.Graph.DeliverPlatformWebhookAsync(messenger.Http, WhatsAppGatewayFixture.AppId,
            GraphApiStandIn.PlatformNotification("page", GraphApiStandIn.PlatformEntry(MessengerPlatformDriver.PageId, next)), WhatsAppGatewayFixture.AppSecret);
        await Eventually.HoldsAsync(() => messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, sample.Customer).Count >= 3, "the answer to the next message");
        Assert.Equal(3, messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, sample.Customer).Count);
        Assert.DoesNotContain(messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, sample.Customer),
            call => call.Body.ToJsonString().Contains("parcel left today", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> DeliverEchoAsync(string customer, string mid, long appId, string text)
    {
        var echo = GraphApiStandIn.PlatformEvent(MessengerPlatformDriver.PageId, customer, "message",
            new JsonObject { ["mid"] = mid, ["is_echo"] = true, ["app_id"] = appId, ["text"] = text });
        var body = GraphApiStandIn.PlatformNotification("page", GraphApiStandIn.PlatformEntry(MessengerPlatformDriver.PageId, echo));
        return messenger.Graph.DeliverPlatformWebhookAsync(messenger.Http, WhatsAppGatewayFixture.AppId, body, WhatsAppGatewayFixture.AppSecret);
    }

    [Fact]
    public async Task The_bot_answers_a_messenger_customer_through_the_send_api()
    {
        var sample = await messenger.NewTextMessageAsync("hello");

        Assert.Equal(HttpStatusCode.OK, (await messenger.DeliverAsync(sample, Conversations.Testing.Channels.WebhookCredential.Valid)).StatusCode);

        await Eventually.HoldsAsync(() => messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, sample.Customer).Count > 0, "the bot's reply");
        var reply = messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, sample.Customer)[0];
        Assert.Equal("RESPONSE", reply.Field("messaging_type"));
        Assert.Null(reply.Field("tag"));
        Assert.Equal(MessengerPlatformDriver.PageToken, reply.Token);
    }

    [Fact]
    public void Fourteen_options_go_as_numbered_text_and_thirteen_as_quick_replies()
    {
        var sender = new Conversations.Channels.Meta.Messenger.MessengerSender(Abstractions.Channels.ChannelKind.Messenger, null!,
            new Conversations.Channels.Meta.Messenger.MessengerSendErrorClassifier(Abstractions.Channels.ChannelKind.Messenger), null!);

        var thirteen = sender.Messages(new TextContent("Pick", [.. Enumerable.Range(1, 13).Select(i => new Button($"Option {i}", $"o{i}"))]));
        var fourteen = sender.Messages(new TextContent("Pick", [.. Enumerable.Range(1, 14).Select(i => new Button($"Option {i}", $"o{i}"))]));

        Assert.Equal(13, Assert.IsType<JsonArray>(Assert.Single(thirteen)["quick_replies"]).Count);
        Assert.Null(Assert.Single(fourteen)["quick_replies"]);
        Assert.Contains("14. Option 14", fourteen[0]["text"]!.ToString(), StringComparison.Ordinal);
    }
}
