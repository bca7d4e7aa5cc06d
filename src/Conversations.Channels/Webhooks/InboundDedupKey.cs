using System.Globalization;
using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Webhooks;

/// <summary>
/// The key that makes a platform's redelivery of one event be stored once: the channel, the receiving account and
/// the platform's own id of the event (Telegram's <c>update_id</c>, WhatsApp's message <c>id</c>, Messenger's
/// <c>mid</c>, the widget's client message id). It goes into <c>InboundMessage.DedupKey</c>; the conversation grain
/// and the store's unique index do the rest, on every silo and across restarts.
/// </summary>
public static class InboundDedupKey
{
    /// <summary>The dedup key of event <paramref name="eventId"/> received by <paramref name="account"/> of <paramref name="kind"/>.</summary>
    public static string For(ChannelKind kind, string account, string eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix(kind)}:{account}:{eventId}");
    }

    /// <summary>
    /// The short channel prefix. Telegram's and the widget's are the ones stored before this helper existed and must
    /// not change (stored keys would stop matching redeliveries).
    /// </summary>
    public static string Prefix(ChannelKind kind) => kind switch
    {
        ChannelKind.Telegram => "tg",
        ChannelKind.Widget => "w",
        ChannelKind.WhatsApp => "wa",
        ChannelKind.Messenger => "fb",
        ChannelKind.Vk => "vk",
        ChannelKind.Viber => "vb",
        ChannelKind.Instagram => "ig",
        ChannelKind.Email => "em",
        _ => ((int)kind).ToString(CultureInfo.InvariantCulture),
    };
}
