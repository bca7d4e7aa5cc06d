using System.Net;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Grains.Customers;
using Conversations.Testing;
using Conversations.Testing.Channels;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Messenger delivery and read receipts (watermarks) through the real webhook endpoint, seen in our delivery status.</summary>
public sealed class MessengerReceiptTests(MessengerConformanceDriver messenger) : IClassFixture<MessengerConformanceDriver>
{
    [Fact]
    public async Task Delivery_and_read_watermarks_move_the_bots_messages_forward_and_an_earlier_watermark_covers_nothing()
    {
        var sample = await messenger.NewTextMessageAsync("hello");
        (await messenger.DeliverAsync(sample, WebhookCredential.Valid)).EnsureSuccessStatusCode();
        var bot = await BotMessageAsync(sample.Customer);
        // Meta's watermark is its own clock's, a moment after our send was recorded here.
        var now = messenger.App.Time!.GetUtcNow().ToUnixTimeMilliseconds() + 1_000;

        await ReceiptAsync(sample.Customer, "read", new JsonObject { ["watermark"] = now - 3_600_000 }); // before our send
        var untouched = await StatusAsync(bot);
        await ReceiptAsync(sample.Customer, "delivery", new JsonObject { ["mids"] = new JsonArray("m_x"), ["watermark"] = now });
        var delivered = await StatusAsync(bot);
        await ReceiptAsync(sample.Customer, "read", new JsonObject { ["watermark"] = now });
        await ReceiptAsync(sample.Customer, "delivery", new JsonObject { ["watermark"] = now }); // late: never back
        var read = await StatusAsync(bot);

        Assert.Equal(DeliveryStatus.Sent, untouched);
        Assert.Equal(DeliveryStatus.Delivered, delivered);
        Assert.Equal(DeliveryStatus.Read, read);
    }

    private async Task ReceiptAsync(string customer, string key, JsonObject payload)
    {
        var body = GraphApiStandIn.PlatformNotification("page",
            GraphApiStandIn.PlatformEntry(MessengerPlatformDriver.PageId, GraphApiStandIn.PlatformEvent(customer, MessengerPlatformDriver.PageId, key, payload)));
        var response = await messenger.Graph.DeliverPlatformWebhookAsync(messenger.Http, WhatsAppGatewayFixture.AppId, body, WhatsAppGatewayFixture.AppSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<DeliveryStatus?> StatusAsync(Guid messageId) =>
        (await messenger.App.Outbox.GetDeliveryAsync(messenger.TenantId, [messageId])).GetValueOrDefault(messageId)?.Status;

    /// <summary>The bot's first answer to <paramref name="customer"/>, once the Send API accepted it and the send is recorded.</summary>
    private async Task<Guid> BotMessageAsync(string customer)
    {
        var identity = messenger.App.Grains.GetGrain<IChannelIdentityGrain>(
            new ChannelIdentityKey(messenger.TenantId, ChannelKind.Messenger, MessengerPlatformDriver.PageId, customer).ToGrainKey());
        Guid? bot = null;
        await Eventually.HoldsAsync(async () =>
        {
            if (await identity.GetCustomerIdAsync() is not { } customerId
                || (await messenger.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(messenger.TenantId, customerId).ToGrainKey()).GetProfileAsync())?.CurrentConversationId is not { } conversationId)
            {
                return false;
            }

            var history = await messenger.App.Grains.GetGrain<IConversationGrain>(new ConversationKey(messenger.TenantId, conversationId).ToGrainKey())
                .GetHistoryAsync(new HistoryQuery(IncludeBot: true, IncludeEvents: false));
            bot = history.FirstOrDefault(m => m.Direction == MessageDirection.Bot)?.MessageId;
            return bot is { } id && await StatusAsync(id) == DeliveryStatus.Sent;
        }, "the bot's answer sent and recorded");
        return bot!.Value;
    }
}
