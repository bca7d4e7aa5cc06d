namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>
/// A number's throughput level as the Graph API reports it (<c>GET /{phone-number-id}?fields=throughput</c>:
/// <c>throughput.level</c>) and the messages a second Meta allows at that level
/// (developers.facebook.com/documentation/business-messaging/whatsapp/throughput: 80 by default, 1,000 after the
/// automatic upgrade; inbound and outbound together).
/// </summary>
/// <param name="Level">STANDARD, HIGH, or what else Meta answers (NOT_APPLICABLE).</param>
/// <param name="MessagesPerSecond">Meta's rate at that level; null when the level names none.</param>
public sealed record WhatsAppThroughput(string Level, int? MessagesPerSecond)
{
    /// <summary>The default level.</summary>
    public const string Standard = "STANDARD";

    /// <summary>The level of an upgraded number.</summary>
    public const string High = "HIGH";

    /// <summary>The throughput of <paramref name="level"/>.</summary>
    public static WhatsAppThroughput Of(string level) => new(level, level switch
    {
        Standard => 80,
        High => 1000,
        _ => null,
    });
}
