using Conversations.Abstractions.Channels;
using Conversations.Api.Admin;
using Conversations.Channels.Accounts;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// A dead access token found while answering a customer disables the number and tells the business once per disable:
/// an e-mail to the tenant's notification address naming the channel, the number and the reason (never the token), and
/// the reason on the account the admin screens show.
/// </summary>
public sealed class WhatsAppAccountDisabledTests(WhatsAppNotifyingFixture whatsApp) : IClassFixture<WhatsAppNotifyingFixture>
{
    [Fact]
    public async Task An_expired_token_disables_the_number_and_the_business_is_told_once_per_disable()
    {
        whatsApp.Graph.FailNextSend(WhatsAppGatewayFixture.PhoneNumberId, 401, 190, "Error validating access token: Session has expired.", times: 5);
        var key = new ChannelAccountKey(ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId);
        var number = whatsApp.App.Grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey());
        var connected = (await number.GetAsync())!;

        // A customer writes; the bot's answer meets the dead token.
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(WhatsAppGatewayFixture.NewCustomer(), WhatsAppGatewayFixture.NewMessageId(), "hello")));

        await Eventually.HoldsAsync(() => whatsApp.Smtp.Mails.Count >= 1, "the business's notification e-mail");
        var mail = whatsApp.Smtp.Mails[0];
        Assert.Equal([WhatsAppNotifyingFixture.NotificationEmail], mail.To);
        Assert.Contains("WhatsApp", mail.Raw, StringComparison.Ordinal);
        Assert.Contains(WhatsAppGatewayFixture.PhoneNumberId, mail.Raw, StringComparison.Ordinal);
        Assert.Contains("expired or was revoked", mail.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(WhatsAppGatewayFixture.Token, mail.Raw, StringComparison.Ordinal);
        var listed = Assert.Single(await whatsApp.App.Service<ChannelAdministration>().ListAsync(whatsApp.TenantId), a => a.Key == key);
        Assert.False(listed.Enabled);
        Assert.Equal("the access token expired or was revoked (Graph error 190)", listed.DisabledReason);

        // Another refusal of the account already off tells nobody again; connecting it again and losing it again does.
        await whatsApp.App.Service<ChannelAccountDisabler>().DisableAsync(connected, "the access token expired or was revoked (Graph error 190)");
        (await whatsApp.ConnectAsync(new { appId = WhatsAppGatewayFixture.AppId, phoneNumberId = WhatsAppGatewayFixture.PhoneNumberId, wabaId = WhatsAppGatewayFixture.WabaId, accessToken = WhatsAppGatewayFixture.Token }))
            .EnsureSuccessStatusCode();
        Assert.Null((await number.GetAsync())!.DisabledReason);
        whatsApp.Clock.Advance(TimeSpan.FromMinutes(10)); // the admin reconnected it; it fails again later
        await whatsApp.App.Service<ChannelAccountDisabler>().DisableAsync(connected, "the access token's session is no longer valid (Graph error 102)");

        // A business's mails leave in order, so the first notice's repeat, had there been one, would be out before this.
        await Eventually.HoldsAsync(() => whatsApp.Smtp.Mails.Any(m => m.Raw.Contains("Graph error 102", StringComparison.Ordinal)), "the second disable's e-mail");
        Assert.Equal(2, whatsApp.Smtp.Mails.Count);
    }
}
