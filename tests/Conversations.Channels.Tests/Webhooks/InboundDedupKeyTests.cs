using Conversations.Abstractions.Channels;
using Conversations.Channels.Webhooks;

namespace Conversations.Channels.Tests.Webhooks;

public sealed class InboundDedupKeyTests
{
    [Fact]
    public void Telegram_and_widget_keys_are_the_ones_already_stored()
    {
        // Stored keys must keep matching redeliveries after an upgrade.
        Assert.Equal("tg:777000:123456", InboundDedupKey.For(ChannelKind.Telegram, "777000", "123456"));
        Assert.Equal("w:demo:visitor:client-1", InboundDedupKey.For(ChannelKind.Widget, "demo", "visitor:client-1"));
    }

    [Fact]
    public void The_same_event_id_on_another_channel_or_account_is_another_event()
    {
        var keys = new[]
        {
            InboundDedupKey.For(ChannelKind.Telegram, "a", "1"),
            InboundDedupKey.For(ChannelKind.Telegram, "b", "1"),
            InboundDedupKey.For(ChannelKind.WhatsApp, "a", "1"),
            InboundDedupKey.For(ChannelKind.Messenger, "a", "1"),
            InboundDedupKey.For(ChannelKind.Widget, "a", "1"),
        };

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_channel_kind_has_its_own_prefix()
    {
        var prefixes = Enum.GetValues<ChannelKind>().Select(InboundDedupKey.Prefix).ToList();

        Assert.Equal(prefixes.Count, prefixes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("", "1")]
    [InlineData("a", "")]
    public void An_empty_account_or_event_id_is_refused(string account, string eventId)
    {
        Assert.ThrowsAny<ArgumentException>(() => InboundDedupKey.For(ChannelKind.Telegram, account, eventId));
    }
}
