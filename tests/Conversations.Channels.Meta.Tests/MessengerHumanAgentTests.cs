using System.Net;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using System.Text.Json.Nodes;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// Messenger's windows through the real webhook, the operator API and the Send API stand-in, which refuses a
/// <c>RESPONSE</c> more than 24 hours after the person's last message (error 10/2018278) and a <c>HUMAN_AGENT</c>
/// message more than 7 days after it.
/// </summary>
public sealed class MessengerHumanAgentTests(MessengerYesterdayDriver messenger) : IClassFixture<MessengerYesterdayDriver>
{
    [Fact]
    public async Task An_operators_reply_after_24_hours_goes_tagged_HUMAN_AGENT_and_is_accepted_while_the_bots_answer_in_the_window_is_a_plain_response()
    {
        messenger.Graph.Clock = messenger.Clock;
        var customer = MessengerPlatformDriver.NewCustomer();
        await WriteAsync(customer, "my parcel is broken, I need a person");
        await Eventually.HoldsAsync(() => Task.FromResult(messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer).Count > 0), "the bot's answer sent");
        var botAnswer = messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer)[0];

        messenger.Clock.Advance(MessengerYesterdayDriver.Behind);
        using var session = await ApiSession.SignInAsync(messenger.App.CreateClient(), "shop", "admin", "admin-password");
        var conversation = await ConversationIdAsync(customer);
        (await session.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
        var reply = await session.PostAsync($"/api/v1/conversations/{conversation}/messages", new { text = "Sorry for the wait, a courier will collect it" });

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer)
            .Any(c => c.Field("message.text") == "Sorry for the wait, a courier will collect it")), "the operator's reply accepted by the Send API");
        var sent = messenger.Graph.PageSentTo(MessengerPlatformDriver.PageId, customer).Single(c => c.Field("message.text") == "Sorry for the wait, a courier will collect it");
        Assert.Equal("MESSAGE_TAG", sent.Field("messaging_type"));
        Assert.Equal("HUMAN_AGENT", sent.Field("tag"));
        Assert.Equal("RESPONSE", botAnswer.Field("messaging_type"));
        Assert.Null(botAnswer.Field("tag"));
    }

    private async Task<Guid> ConversationIdAsync(string customer)
    {
        var identity = messenger.App.Grains.GetGrain<IChannelIdentityGrain>(
            new ChannelIdentityKey(messenger.TenantId, ChannelKind.Messenger, MessengerPlatformDriver.PageId, customer).ToGrainKey());
        var customerId = await identity.GetCustomerIdAsync() ?? throw new InvalidOperationException("the customer was not stored");
        var profile = await messenger.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(messenger.TenantId, customerId).ToGrainKey()).GetProfileAsync();
        return profile?.CurrentConversationId ?? throw new InvalidOperationException("the customer has no conversation");
    }

    private Task<HttpResponseMessage> WriteAsync(string customer, string text) => WriteAsync(messenger, customer, text);

    /// <summary>The customer writes to the Page now, by the driver's clock, through the signed webhook.</summary>
    internal static Task<HttpResponseMessage> WriteAsync(MessengerYesterdayDriver messenger, string customer, string text)
    {
        var body = GraphApiStandIn.PlatformNotification("page", GraphApiStandIn.PlatformEntry(MessengerPlatformDriver.PageId,
            GraphApiStandIn.PlatformEvent(customer, MessengerPlatformDriver.PageId, "message", new JsonObject { ["mid"] = "m_" + Guid.NewGuid().ToString("N"), ["text"] = text },
                messenger.Clock.GetUtcNow())));
        return messenger.Graph.DeliverPlatformWebhookAsync(messenger.Http, WhatsAppGatewayFixture.AppId, body, WhatsAppGatewayFixture.AppSecret);
    }
}
