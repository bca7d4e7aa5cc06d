using System.Net;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Conversations.Testing.Channels;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// Messenger's policy (automated chats say so at the beginning of a conversation where the law asks it): by default the
/// bot says it is a bot once, before its first reply, through the real webhook and the Send API stand-in.
/// </summary>
public sealed class MessengerAutomationDisclosureTests(MessengerConformanceDriver messenger) : IClassFixture<MessengerConformanceDriver>
{
    private static readonly string Disclosure = TenantTexts.Defaults[TenantTexts.AutomationDisclosure];

    [Fact]
    public async Task The_bot_says_it_is_a_bot_once_before_its_first_reply_and_not_again_after_a_redelivery_or_a_second_message()
    {
        var sample = await messenger.NewTextMessageAsync("hello");

        Assert.Equal(HttpStatusCode.OK, (await messenger.DeliverAsync(sample, WebhookCredential.Valid)).StatusCode);
        await Eventually.HoldsAsync(() => Sent(sample.Customer).Count >= 2, "the disclosure and the bot's reply");
        Assert.Equal(HttpStatusCode.OK, (await messenger.Graph.RedeliverAsync(messenger.Http, messenger.Graph.Deliveries[^1])).StatusCode);
        var next = GraphApiStandIn.PlatformEvent(sample.Customer, MessengerPlatformDriver.PageId, "message", new JsonObject { ["mid"] = "m_second_" + sample.Customer, ["text"] = "and one more thing" });
        await messenger.Graph.DeliverPlatformWebhookAsync(messenger.Http, WhatsAppGatewayFixture.AppId,
            GraphApiStandIn.PlatformNotification("page", GraphApiStandIn.PlatformEntry(MessengerPlatformDriver.PageId, next)), WhatsAppGatewayFixture.AppSecret);
        await Eventually.HoldsAsync(() => Sent(sample.Customer).Count >= 3, "the reply to the second message");

        var sent = Sent(sample.Customer);
        Assert.Equal(Disclosure, sent[0].Field("message.text"));
        Assert.Equal("RESPONSE", sent[0].Field("messaging_type"));
        Assert.Null(sent[0].Field("tag"));
        Assert.Single(sent, c => c.Field("message.text") == Disclosure);
        var stored = await messenger.StoredFromAsync(sample);
        var disclosed = Assert.Single(stored, m => m.Content is TextContent { Text: var text } && text == Disclosure);
        Assert.Equal(MessageDirection.Bot, disclosed.Direction);
        Assert.True(disclosed.Seq < stored.First(m => m.Direction == MessageDirection.Bot && m.Seq != disclosed.Seq).Seq, "said before the bot's first reply");
    }

    private IReadOnlyList<GraphCall> Sent(string customer) => messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer);
}
