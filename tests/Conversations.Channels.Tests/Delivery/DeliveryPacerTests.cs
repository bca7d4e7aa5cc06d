using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Tests.Delivery;

public sealed class DeliveryPacerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private DeliveryPacer Pacer(DeliveryOptions? options = null) => new(Options.Create(options ?? new DeliveryOptions()), _clock);

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
}
