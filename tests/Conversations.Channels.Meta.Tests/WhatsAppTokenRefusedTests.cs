using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Channels.Meta.WhatsApp;
using Conversations.Testing;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// A dead access token (Graph error 190) disables the number: its sends fail for good instead of being retried, and the
/// admin is told in the log to connect it again. (Its own fixture: the number stays disabled.)
/// </summary>
public sealed class WhatsAppTokenRefusedTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    [Fact]
    public async Task Error_190_on_send_fails_the_message_for_good_and_disables_the_number()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        var number = whatsApp.App.Grains.GetGrain<IChannelAccountGrain>(new ChannelAccountKey(ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId).ToGrainKey());
        whatsApp.Graph.FailNextSend(WhatsAppGatewayFixture.PhoneNumberId, 401, 190, "Error validating access token: Session has expired.");

        var account = (await number.GetAsync())!;
        var message = new OutboundMessage(Guid.NewGuid(), whatsApp.TenantId, Guid.NewGuid(),
            new ChannelAddress(ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId, customer), new TextContent("hello"), 1, false);
        var result = await whatsApp.App.Service<WhatsAppSender>().SendAsync(account, message, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Contains("190", result.Error, StringComparison.Ordinal);
        Assert.False((await number.GetAsync())!.Enabled);
    }

    [Fact]
    public async Task A_permission_error_fails_that_message_but_leaves_the_number_connected()
    {
        var number = whatsApp.App.Grains.GetGrain<IChannelAccountGrain>(new ChannelAccountKey(ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId).ToGrainKey());
        var account = (await number.GetAsync())!;
        if (!account.Enabled)
        {
            // The other test of this class disabled it; connect it again as an admin would.
            await number.ConnectAsync(account with { Enabled = true });
            account = (await number.GetAsync())!;
        }

        whatsApp.Graph.FailNextSend(WhatsAppGatewayFixture.PhoneNumberId, 403, 10, "Application does not have permission for this action");
        var message = new OutboundMessage(Guid.NewGuid(), whatsApp.TenantId, Guid.NewGuid(),
            new ChannelAddress(ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId, WhatsAppGatewayFixture.NewCustomer()), new TextContent("hello"), 1, false);
        var result = await whatsApp.App.Service<WhatsAppSender>().SendAsync(account, message, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.True((await number.GetAsync())!.Enabled);
    }
}
