using System.Net;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>A WhatsApp sender's number is a verified phone: it links the WhatsApp identity to the customer who owns that number.</summary>
public sealed class WhatsAppLinkingTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    [Fact]
    public async Task A_WhatsApp_message_joins_the_customer_whose_Telegram_contact_share_verified_the_same_number()
    {
        var waId = WhatsAppGatewayFixture.NewCustomer();
        var telegramUser = "7" + waId[..8];
        var telegram = new InboundMessage(
            new ChannelIdentityKey(whatsApp.TenantId, ChannelKind.Telegram, "777", telegramUser), new ChannelAddress(ChannelKind.Telegram, "777", telegramUser),
            $"tg:777:{waId}", "1", new ContactContent("+" + waId, "Anna", null, telegramUser), DateTimeOffset.UtcNow, new SenderProfile("Anna"),
            new VerifiedFacts(Phone: "+" + waId));
        var shared = await whatsApp.App.Grains.GetGrain<IChannelIdentityGrain>(telegram.Identity.ToGrainKey()).ReceiveAsync(telegram);

        var delivered = await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(waId, WhatsAppGatewayFixture.NewMessageId(), "из WhatsApp")));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var identity = whatsApp.App.Grains.GetGrain<IChannelIdentityGrain>(
            new ChannelIdentityKey(whatsApp.TenantId, ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId, waId).ToGrainKey());
        Assert.Equal(shared.CustomerId, await identity.GetCustomerIdAsync());
        var profile = await whatsApp.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(whatsApp.TenantId, shared.CustomerId).ToGrainKey()).GetProfileAsync();
        var whatsAppIdentity = Assert.Single(profile!.Identities, i => i.Key.Kind == ChannelKind.WhatsApp);
        Assert.Equal("+" + waId, PhoneNumbers.ToE164(whatsAppIdentity.Verified?.Phone));
        Assert.Equal(["из WhatsApp"], (await whatsApp.CustomerMessagesAsync(waId)).Select(m => m.Content.ToPlainText()).Where(t => t == "из WhatsApp"));
    }
}
