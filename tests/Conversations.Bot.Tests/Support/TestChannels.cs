using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;

namespace Conversations.Bot.Tests.Support;

internal static class TestChannels
{
    public static ChannelCapabilities Telegram => ChannelCatalog.For(ChannelKind.Telegram);

    /// <summary>Three buttons at most, no link buttons.</summary>
    public static ChannelCapabilities WhatsApp => ChannelCatalog.For(ChannelKind.WhatsApp);

    /// <summary>A plain-text channel (SMS-like): no buttons at all.</summary>
    public static ChannelCapabilities TextOnly => ChannelCatalog.For(ChannelKind.Telegram) with { MaxButtons = 0, SupportsLinkButtons = false };
}
