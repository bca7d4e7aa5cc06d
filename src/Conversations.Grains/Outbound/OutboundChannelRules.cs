using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;

namespace Conversations.Grains.Outbound;

/// <summary>
/// Each channel's rule for a message the business starts (not an answer to the customer): WhatsApp outside its 24-hour
/// window takes templates only; Messenger outside its window only with an allowed message tag, Instagram not at all;
/// VK only while the user allows the community's messages; Viber only to subscribers; Telegram unless the user
/// blocked the bot. Pure: the conversation grain passes what it knows.
/// </summary>
internal static class OutboundChannelRules
{
    /// <summary>
    /// Messenger's message tags a business may send outside the standard window without a human agent
    /// (developers.facebook.com/docs/messenger-platform/send-messages/message-tags): confirmed event, post-purchase
    /// and account updates. HUMAN_AGENT is for a person typing, never for an API call.
    /// </summary>
    public static readonly IReadOnlySet<string> MessengerTags = new HashSet<string>(StringComparer.Ordinal)
    {
        "CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE", "ACCOUNT_UPDATE",
    };

    /// <summary>
    /// Judges <paramref name="content"/> on <paramref name="channel"/> for <paramref name="customer"/>:
    /// <paramref name="lastCustomerMessageAt"/> is the customer's last message there (null: unknown, so a windowed
    /// channel counts as closed), <paramref name="closedEarlyAt"/> when the platform said the window closed early.
    /// </summary>
    public static OutboundVerdict Judge(ChannelKind channel, CustomerProfile customer, ChannelAddress? lastReplyTo, MessageContent content,
        string? messageTag, DateTimeOffset? lastCustomerMessageAt, DateTimeOffset? closedEarlyAt, DateTimeOffset now)
    {
        if (content is TemplateContent && channel != ChannelKind.WhatsApp)
        {
            return Refused(OutboundRuleNames.TemplateOnlyOnWhatsApp, $"Message templates are WhatsApp's; {channel} takes a text.");
        }

        if (channel is ChannelKind.Widget || ChannelCatalog.IsNotification(channel))
        {
            return Refused(OutboundRuleNames.ChannelNotSupported, $"{channel} cannot carry messages the business starts (a site visitor is reached only while their page is open).");
        }

        var identity = IdentityOn(channel, customer, lastReplyTo);
        if (identity is null)
        {
            return Refused(OutboundRuleNames.NoIdentity, $"The customer has no {channel} identity: they never wrote from {channel}.");
        }

        if (identity.Unreachable)
        {
            return UnreachableOn(channel);
        }

        var policy = ChannelCatalog.For(channel).Window;
        if (policy.Bot is null)
        {
            return new OutboundVerdict(true, OutboundRuleNames.WindowOpen, $"{channel} has no messaging window.", identity);
        }

        var window = lastCustomerMessageAt is { } last ? MessagingWindow.For(channel, last, closedEarlyAt) : null;
        if (window is not null && window.IsOpen(now, humanOperator: false))
        {
            return new OutboundVerdict(true, OutboundRuleNames.WindowOpen,
                string.Create(CultureInfo.InvariantCulture, $"The {window.Rule} is open until {window.BotClosesAt:u}."), identity);
        }

        var since = lastCustomerMessageAt is { } at ? string.Create(CultureInfo.InvariantCulture, $"the customer last wrote at {at:u}") : "the customer has not written here recently";
        return channel switch
        {
            ChannelKind.WhatsApp when content is TemplateContent =>
                new OutboundVerdict(true, OutboundRuleNames.WhatsAppTemplate, $"Outside the 24-hour window ({since}) WhatsApp takes an approved template.", identity),
            ChannelKind.WhatsApp => Refused(OutboundRuleNames.WhatsAppWindow,
                $"WhatsApp's 24-hour customer service window is closed ({since}): only an approved message template may be sent (template)."),
            ChannelKind.Messenger when messageTag is not null && MessengerTags.Contains(messageTag) =>
                new OutboundVerdict(true, OutboundRuleNames.MessengerTag, $"Outside the 24-hour window ({since}) with the message tag {messageTag}.", identity),
            ChannelKind.Messenger => Refused(OutboundRuleNames.MessengerWindow,
                $"Messenger's 24-hour window is closed ({since}): send with messageTag {string.Join(", ", MessengerTags.Order(StringComparer.Ordinal))} when the message is one of those updates."),
            ChannelKind.Instagram => Refused(OutboundRuleNames.InstagramWindow,
                $"Instagram's 24-hour window is closed ({since}); Instagram allows no message tag for automated messages."),
            _ => Refused(OutboundRuleNames.WindowOpen, $"The {policy.RuleName} is closed ({since})."),
        };
    }

    /// <summary>The refusal, naming the channel's rule, for an identity the channel no longer delivers to.</summary>
    public static OutboundVerdict UnreachableOn(ChannelKind channel) => channel switch
    {
        ChannelKind.Telegram => Refused(OutboundRuleNames.TelegramBlocked, "The customer blocked the Telegram bot; it may write again only after they unblock it and write."),
        ChannelKind.Vk => Refused(OutboundRuleNames.VkMessageAllow, "The VK user has not allowed messages from the community (message_allow), or denied them (message_deny)."),
        ChannelKind.Viber => Refused(OutboundRuleNames.ViberSubscribed, "The Viber user is not subscribed to the bot; Viber delivers only to subscribers."),
        _ => Refused(OutboundRuleNames.Unreachable, $"{channel} refuses delivery to this customer."),
    };

    /// <summary>The customer's identity on <paramref name="channel"/>: the one replies went to last, else the newest reachable one.</summary>
    public static ChannelIdentity? IdentityOn(ChannelKind channel, CustomerProfile customer, ChannelAddress? lastReplyTo)
    {
        var candidates = customer.Identities.Where(i => i.Key.Kind == channel).ToList();
        return candidates.FirstOrDefault(i => i.ReplyTo == lastReplyTo && !i.Unreachable)
            ?? candidates.Where(i => !i.Unreachable).MaxBy(i => i.FirstSeenAt)
            ?? candidates.MaxBy(i => i.FirstSeenAt);
    }

    private static OutboundVerdict Refused(string rule, string reason) => new(false, rule, reason);
}
