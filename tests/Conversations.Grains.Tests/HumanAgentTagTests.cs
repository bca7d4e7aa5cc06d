using Conversations.Abstractions.Channels;

namespace Conversations.Grains.Tests;

/// <summary>When a human operator's message must carry the channel's human-agent tag (Messenger's and Instagram's HUMAN_AGENT).</summary>
public sealed class HumanAgentTagTests
{
    private static readonly DateTimeOffset Wrote = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ChannelKind.Messenger, 2, null)]
    [InlineData(ChannelKind.Messenger, 22.5, null)]
    [InlineData(ChannelKind.Messenger, 23.5, "HUMAN_AGENT")] // within the last hour: it may leave the outbox after the window
    [InlineData(ChannelKind.Messenger, 30, "HUMAN_AGENT")]
    [InlineData(ChannelKind.Instagram, 48, "HUMAN_AGENT")]
    [InlineData(ChannelKind.WhatsApp, 30, null)] // WhatsApp has no tag: a template is the only way after 24 hours
    [InlineData(ChannelKind.Telegram, 500, null)]
    public void An_operators_message_is_tagged_only_on_channels_with_a_human_tag_once_the_standard_window_ends(ChannelKind channel, double hoursLater, string? tag) =>
        Assert.Equal(tag, ChannelCatalog.For(channel).Window.TagForHuman(Wrote, Wrote.AddHours(hoursLater)));
}
