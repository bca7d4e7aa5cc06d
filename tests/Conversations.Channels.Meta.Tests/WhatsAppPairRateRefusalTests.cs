using Conversations.Abstractions.Channels;
using Conversations.Persistence.Outbox;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// Meta's pair-rate refusal (131056) through the real dispatcher on PostgreSQL: the refused message waits 4^1 s, and the
/// customer's shared pace is held off as long, so no silo sends that customer anything sooner, nor a burst after.
/// </summary>
public sealed class WhatsAppPairRateRefusalTests(WhatsAppOnPostgresFixture whatsApp) : IClassFixture<WhatsAppOnPostgresFixture>
{
    [Fact]
    public async Task A_131056_refusal_holds_the_customer_off_in_the_shared_pace_for_the_4_to_the_x_seconds()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        whatsApp.Graph.FailNextSend(WhatsAppGatewayFixture.PhoneNumberId, 400, 131056, "(Business Account, Consumer Account) pair rate limit hit");

        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await Eventually.HoldsAsync(async () =>
        {
            var ids = (await whatsApp.HistoryAsync(customer)).Where(m => m.Direction == Abstractions.Messages.MessageDirection.Bot).Select(m => m.MessageId).ToList();
            return (await whatsApp.App.Outbox.GetDeliveryAsync(whatsApp.TenantId, ids)).Values.Any(d => d.LastError?.Contains("131056", StringComparison.Ordinal) == true);
        }, "the refused reply rescheduled");

        // What any silo's next send to this customer is told: wait until the retry, 4 s from the refusal.
        var wait = await whatsApp.App.Service<IRecipientPaceStore>().TryTakeAsync(
            new ChannelAddress(ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId, customer), whatsApp.Clock.GetUtcNow(), new RecipientPaceRate(1.0 / 6, 45));

        // PostgreSQL keeps microseconds, the fake clock 100 ns ticks.
        Assert.InRange(wait!.Value, TimeSpan.FromSeconds(4) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(4));
    }
}
