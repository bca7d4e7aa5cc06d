namespace Conversations.Abstractions.Channels;

/// <summary>
/// The capability description of every channel kind, in one place, so that the domain (messaging
/// windows, button rendering) knows a channel's rules even on a silo that does not run its gateway.
/// Adding a channel means adding its line here plus its WebhookEndpoints, UpdateMapper and Sender.
/// </summary>
public static class ChannelCatalog
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private static readonly Dictionary<ChannelKind, ChannelCapabilities> Capabilities = new()
    {
        // Bot API: 4096 characters per text, inline keyboards, no messaging window.
        [ChannelKind.Telegram] = new(ChannelKind.Telegram, 4096, 100, 64, true, true, MessagingWindowPolicy.Unlimited),
        [ChannelKind.Widget] = new(ChannelKind.Widget, 10_000, 20, 80, true, true, MessagingWindowPolicy.Unlimited),
        [ChannelKind.Vk] = new(ChannelKind.Vk, 4096, 10, 40, true, true, MessagingWindowPolicy.Unlimited),
        [ChannelKind.Viber] = new(ChannelKind.Viber, 7000, 24, 40, true, true, MessagingWindowPolicy.Unlimited),
        // WhatsApp Cloud API: free-form messages only within 24 h of the user's last message.
        [ChannelKind.WhatsApp] = new(ChannelKind.WhatsApp, 4096, 3, 20, true, false,
            new MessagingWindowPolicy(Day, Day, "WhatsApp 24-hour customer service window")),
        // Messenger: 24 h standard window; a human agent may answer up to 7 days with the HUMAN_AGENT tag.
        [ChannelKind.Messenger] = new(ChannelKind.Messenger, 2000, 3, 20, true, true,
            new MessagingWindowPolicy(Day, TimeSpan.FromDays(7), "Messenger 24-hour standard messaging window (HUMAN_AGENT tag: 7 days for human agents)")),
        [ChannelKind.NotificationEmail] = new(ChannelKind.NotificationEmail, 100_000, 0, 0, false, false, MessagingWindowPolicy.Unlimited),
        [ChannelKind.NotificationWebhook] = new(ChannelKind.NotificationWebhook, 100_000, 0, 0, false, false, MessagingWindowPolicy.Unlimited),
    };

    /// <summary>True for the business-notification kinds, which have no channel account and no customer behind them.</summary>
    public static bool IsNotification(ChannelKind kind) => kind is ChannelKind.NotificationEmail or ChannelKind.NotificationWebhook;

    /// <summary>The capabilities of <paramref name="kind"/>.</summary>
    public static ChannelCapabilities For(ChannelKind kind) =>
        Capabilities.TryGetValue(kind, out var capabilities)
            ? capabilities
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown channel kind.");
}
