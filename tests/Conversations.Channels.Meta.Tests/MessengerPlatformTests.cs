using System.Net;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Messages;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Messenger-specific behaviour: echoes never answered, replies through the Send API within its limits.</summary>
public sealed class MessengerPlatformTests(MessengerConformanceDriver messenger) : IClassFixture<MessengerConformanceDriver>
{
    [Fact]
    public async Task An_echo_of_the_pages_own_message_is_acknowledged_not_stored_and_not_answered()
    {
        var customer = MessengerPlatformDriver.NewCustomer();
        // An echo comes from the Page to the customer (sender = the Page), with is_echo.
        var echo = GraphApiStandIn.PlatformEvent(MessengerPlatformDriver.PageId, customer, "message",
            new JsonObject { ["mid"] = "m_echo1", ["is_echo"] = true, ["app_id"] = 1517776481860111, ["text"] = "typed in Meta's inbox" });
        var body = GraphApiStandIn.PlatformNotification("page", GraphApiStandIn.PlatformEntry(MessengerPlatformDriver.PageId, echo));

        var response = await messenger.Graph.DeliverPlatformWebhookAsync(messenger.Http, WhatsAppGatewayFixture.AppId, body, WhatsAppGatewayFixture.AppSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await messenger.StoredFromAsync(new("echo", customer, "")));
        Assert.Empty(messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer));
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
