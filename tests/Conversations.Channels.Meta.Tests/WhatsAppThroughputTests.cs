using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Channels.Meta.WhatsApp;
using Conversations.Testing;
using Conversations.Testing.Meta;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// The real sender against the Graph stand-in, which enforces the Cloud API's throughput (80 a second per number,
/// 130429) and pair rate (one every 6 s to a user after a burst of 45, 131056) on a fake clock: unpaced sends are
/// refused and wait, paced ones from two silos sharing the number's budget are all accepted. (Its own fixture: the
/// stand-in's clock is the test's.)
/// </summary>
public sealed class WhatsAppThroughputTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Sending_faster_than_80_a_second_is_refused_with_130429_and_waits()
    {
        var account = Number("throughput-unpaced");

        var results = new List<DeliveryResult>();
        for (var i = 0; i < 81; i++)
        {
            results.Add(await SendAsync(account, $"customer-{i}"));
        }

        Assert.All(results.Take(80), r => Assert.Equal(DeliveryOutcome.Sent, r.Outcome));
        Assert.Equal(DeliveryOutcome.RetryAfter, results[80].Outcome);
        Assert.Contains("130429", results[80].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_silos_pacing_one_number_send_300_messages_and_none_is_refused()
    {
        var account = Number("throughput-paced");
        var share = new DeliveryShare();
        share.SetActiveSilos(2);
        DeliveryPacer[] silos = [Pacer(share), Pacer(share)];
        var pending = new Queue<string>(Enumerable.Range(0, 300).Select(i => $"customer-{i}"));
        var started = _clock.GetUtcNow();

        var results = new List<DeliveryResult>();
        while (pending.Count > 0)
        {
            var waits = new List<TimeSpan>();
            foreach (var silo in silos)
            {
                if (pending.Count == 0)
                {
                    break;
                }

                if (silo.TryAcquire(new ChannelAddress(ChannelKind.WhatsApp, account.Key.Account, pending.Peek()), out var wait))
                {
                    results.Add(await SendAsync(account, pending.Dequeue()));
                }
                else
                {
                    waits.Add(wait);
                }
            }

            if (waits.Count == silos.Length)
            {
                _clock.Advance(waits.Min());
            }
        }

        Assert.Equal(300, results.Count);
        Assert.All(results, r => Assert.Equal(DeliveryOutcome.Sent, r.Outcome));
        Assert.True(_clock.GetUtcNow() - started >= TimeSpan.FromSeconds((300 - 80) / 80.0 - 0.01), "paced at 80 a second");
    }

    [Fact]
    public async Task The_46th_message_to_one_customer_at_once_hits_the_pair_rate_and_backs_off_4_to_the_attempt_seconds()
    {
        var account = Number("pair-unpaced");

        var burst = new List<DeliveryResult>();
        for (var i = 0; i < 45; i++)
        {
            burst.Add(await SendAsync(account, "491700000001"));
        }

        var first = await SendAsync(account, "491700000001", attempt: 1);
        var third = await SendAsync(account, "491700000001", attempt: 3);

        Assert.All(burst, r => Assert.Equal(DeliveryOutcome.Sent, r.Outcome));
        Assert.Equal(DeliveryOutcome.RetryAfter, first.Outcome);
        Assert.Contains("131056", first.Error, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(4), first.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(64), third.RetryAfter);
    }

    [Fact]
    public async Task Paced_messages_to_one_customer_keep_to_the_pair_rate()
    {
        var account = Number("pair-paced");
        var pacer = Pacer(new DeliveryShare());
        var customer = new ChannelAddress(ChannelKind.WhatsApp, account.Key.Account, "491700000002");
        var started = _clock.GetUtcNow();

        var results = new List<DeliveryResult>();
        while (results.Count < 55)
        {
            if (pacer.TryAcquire(customer, out var wait))
            {
                results.Add(await SendAsync(account, customer.ChatId));
            }
            else
            {
                _clock.Advance(wait);
            }
        }

        Assert.All(results, r => Assert.Equal(DeliveryOutcome.Sent, r.Outcome));
        Assert.True(_clock.GetUtcNow() - started >= TimeSpan.FromSeconds(10 * 6 - 0.01), "ten messages after the burst, 6 s apart");
    }

    private DeliveryPacer Pacer(DeliveryShare share) => new(Options.Create(new DeliveryOptions()), _clock, share);

    /// <summary>A number of its own, so each test starts with the whole budget.</summary>
    private ChannelAccount Number(string id)
    {
        whatsApp.Graph.Clock = _clock;
        whatsApp.Graph.AddPhoneNumber(id, WhatsAppGatewayFixture.Token, "+1 555-000-0000", "Shop");
        return new ChannelAccount(new ChannelAccountKey(ChannelKind.WhatsApp, id), whatsApp.TenantId, "Shop", InboundMode.Webhook,
            WhatsAppGatewayFixture.Token, null, true);
    }

    private Task<DeliveryResult> SendAsync(ChannelAccount account, string customer, int attempt = 1) =>
        whatsApp.App.Service<WhatsAppSender>().SendAsync(account, new OutboundMessage(Guid.NewGuid(), whatsApp.TenantId, Guid.NewGuid(),
            new ChannelAddress(ChannelKind.WhatsApp, account.Key.Account, customer), new TextContent("hello"), attempt, false), CancellationToken.None);
}
