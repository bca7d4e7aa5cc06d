using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Tests.Delivery;

public sealed class DeliveryPacerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private DeliveryPacer Pacer(DeliveryOptions? options = null, DeliveryShare? share = null) =>
        new(Options.Create(options ?? new DeliveryOptions()), _clock, share ?? new DeliveryShare());

    private static ChannelAddress Chat(ChannelKind kind, string chat, string account = "bot-1") => new(kind, account, chat);

    [Fact]
    public void A_telegram_chat_gets_its_burst_of_three_then_one_message_a_second()
    {
        var pacer = Pacer();
        var chat = Chat(ChannelKind.Telegram, "42");

        var burst = Enumerable.Range(0, 3).Count(i => pacer.TryAcquire(chat, out _));
        var fourth = pacer.TryAcquire(chat, out var wait);
        _clock.Advance(wait);
        var afterWaiting = pacer.TryAcquire(chat, out _);

        Assert.Equal(3, burst);
        Assert.False(fourth);
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.True(afterWaiting);
    }

    [Fact]
    public void Chats_are_paced_apart_but_share_their_accounts_rate()
    {
        var pacer = Pacer();

        // Telegram's catalogue entry: 30 a second per bot. Thirty chats get one message each at once; the 31st waits.
        var first30 = Enumerable.Range(0, 30).Count(i => pacer.TryAcquire(Chat(ChannelKind.Telegram, $"chat-{i}"), out _));
        var thirtyFirst = pacer.TryAcquire(Chat(ChannelKind.Telegram, "chat-30"), out var wait);
        var otherBot = pacer.TryAcquire(Chat(ChannelKind.Telegram, "chat-30", account: "bot-2"), out _);

        Assert.Equal(30, first30);
        Assert.False(thirtyFirst);
        Assert.True(wait > TimeSpan.Zero && wait <= TimeSpan.FromSeconds(1.0 / 30) + TimeSpan.FromTicks(1));
        Assert.True(otherBot);
    }

    [Fact]
    public void A_chat_held_back_does_not_use_up_its_accounts_token()
    {
        var pacer = Pacer(new DeliveryOptions { PerAccountPerSecond = 4, PerChatBurst = 1 });
        var busy = Chat(ChannelKind.Telegram, "busy");
        pacer.TryAcquire(busy, out _);

        var heldBack = Enumerable.Range(0, 10).Count(i => !pacer.TryAcquire(busy, out _));
        var others = Enumerable.Range(0, 3).Count(i => pacer.TryAcquire(Chat(ChannelKind.Telegram, $"other-{i}"), out _));

        Assert.Equal(10, heldBack);
        Assert.Equal(3, others);
    }

    [Fact]
    public void Rates_come_from_the_channel_catalogue()
    {
        var pacer = Pacer();

        var whatsApp = pacer.RatesFor(ChannelKind.WhatsApp);
        var telegram = pacer.RatesFor(ChannelKind.Telegram);

        Assert.Equal(ChannelCatalog.For(ChannelKind.WhatsApp).Rates!.PerAccountPerSecond, whatsApp.PerAccountPerSecond);
        Assert.Equal((30d, 30, 1d, 3), telegram);
    }

    [Fact]
    public void Where_the_platform_states_no_rate_the_defaults_apply()
    {
        var rates = Pacer().RatesFor(ChannelKind.NotificationEmail);

        Assert.Equal((DeliveryOptions.DefaultPerAccountPerSecond, 30, DeliveryOptions.DefaultPerChatPerSecond, DeliveryOptions.DefaultPerChatBurst), rates);
    }

    [Fact]
    public void Configured_rates_override_the_catalogue_for_every_channel()
    {
        var pacer = Pacer(new DeliveryOptions { PerAccountPerSecond = 100_000, PerChatPerSecond = 5, PerChatBurst = 1000 });

        Assert.Equal((100_000d, 100_000, 5d, 1000), pacer.RatesFor(ChannelKind.Telegram));
        Assert.Equal((100_000d, 100_000, 5d, 1000), pacer.RatesFor(ChannelKind.WhatsApp));
    }

    [Fact]
    public void Two_silos_sharing_a_whatsapp_number_never_send_more_than_80_in_any_second_together()
    {
        var share = new DeliveryShare();
        share.SetActiveSilos(2);
        var silos = new[] { Pacer(share: share), Pacer(share: share) };
        var sentAt = new List<DateTimeOffset>();

        // Both silos try a message to a new customer every 5 ms for 10 seconds: far more than the number may take.
        for (var tick = 0; tick < 2000; tick++)
        {
            foreach (var silo in silos)
            {
                if (silo.TryAcquire(Chat(ChannelKind.WhatsApp, $"{tick}-{silo.GetHashCode()}", "phone-1"), out _))
                {
                    sentAt.Add(_clock.GetUtcNow());
                }
            }

            _clock.Advance(TimeSpan.FromMilliseconds(5));
        }

        // The number's budget as Meta (and the Graph stand-in) applies it: 80 a second, one second's worth at once.
        var conforming = 80.0;
        var last = sentAt[0];
        foreach (var at in sentAt)
        {
            conforming = Math.Min(80, conforming + (at - last).TotalSeconds * 80) - 1;
            last = at;
            Assert.True(conforming > -1e-6, $"the send at {at:O} went over the number's budget");
        }

        Assert.InRange(sentAt.Count, 80 + 80 * 9, 80 + 80 * 10); // paced, not starved: the whole budget is used
    }

    [Fact]
    public void A_silo_joining_halves_each_silos_share_of_an_account()
    {
        var share = new DeliveryShare();
        var pacer = Pacer(share: share);
        var alone = Enumerable.Range(0, 100).Count(i => pacer.TryAcquire(Chat(ChannelKind.WhatsApp, $"a-{i}", "phone-1"), out _));
        _clock.Advance(TimeSpan.FromSeconds(2));

        share.SetActiveSilos(2);
        var shared = Enumerable.Range(0, 100).Count(i => pacer.TryAcquire(Chat(ChannelKind.WhatsApp, $"b-{i}", "phone-1"), out _));

        Assert.Equal(80, alone);
        Assert.Equal(40, shared);
    }

    [Fact]
    public void Messages_a_whatsapp_number_receives_use_up_its_budget_too()
    {
        var pacer = Pacer();

        pacer.CountInbound(ChannelKind.WhatsApp, "phone-1", 70);
        var sent = Enumerable.Range(0, 80).Count(i => pacer.TryAcquire(Chat(ChannelKind.WhatsApp, $"c-{i}", "phone-1"), out _));
        pacer.CountInbound(ChannelKind.Telegram, "bot-1", 30); // Telegram does not count what a bot receives
        var telegram = Enumerable.Range(0, 30).Count(i => pacer.TryAcquire(Chat(ChannelKind.Telegram, $"t-{i}"), out _));

        Assert.Equal(10, sent);
        Assert.Equal(30, telegram);
    }

    [Fact]
    public void An_account_that_states_a_higher_tier_is_paced_at_it()
    {
        var pacer = Pacer();

        var sent = Enumerable.Range(0, 1000).Count(i => pacer.TryAcquire(Chat(ChannelKind.WhatsApp, $"d-{i}", "phone-1"), out _, accountPerSecond: 250));

        Assert.Equal(250, sent);
        Assert.Equal(250, DeliveryPacer.RateOf(new ChannelAccount(new ChannelAccountKey(ChannelKind.WhatsApp, "phone-1"), Guid.NewGuid(), "n",
            InboundMode.Webhook, null, null, true, new Dictionary<string, string> { [DeliveryPacer.MessagesPerSecondSetting] = "250" })));
    }

    [Fact]
    public void A_whatsapp_customer_gets_a_burst_of_45_then_one_message_every_6_seconds()
    {
        var pacer = Pacer();
        var customer = Chat(ChannelKind.WhatsApp, "491701234567", "phone-1");

        var burst = Enumerable.Range(0, 60).Count(i => pacer.TryAcquire(customer, out _));
        pacer.TryAcquire(customer, out var wait);

        Assert.Equal(45, burst);
        Assert.Equal(TimeSpan.FromSeconds(6), wait);
    }
}
