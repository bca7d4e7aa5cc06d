namespace Conversations.Abstractions.Outbound;

/// <summary>
/// The names of the channel rules a message the business starts is judged by: answered in a 422's <c>rule</c> when
/// refused, and in the acceptance when allowed. Names are part of the API: add, never rename.
/// </summary>
public static class OutboundRuleNames
{
    /// <summary>Allowed: the channel's messaging window is open (or the channel has none).</summary>
    public const string WindowOpen = "window_open";

    /// <summary>Allowed: a WhatsApp template, the only message allowed outside the 24-hour window.</summary>
    public const string WhatsAppTemplate = "whatsapp.template";

    /// <summary>Refused: WhatsApp's 24-hour customer service window is closed and the message is not a template.</summary>
    public const string WhatsAppWindow = "whatsapp.24h_window";

    /// <summary>Refused: a template was asked for on a channel other than WhatsApp.</summary>
    public const string TemplateOnlyOnWhatsApp = "template.whatsapp_only";

    /// <summary>Allowed: a Messenger message tag outside the standard messaging window.</summary>
    public const string MessengerTag = "messenger.message_tag";

    /// <summary>Refused: Messenger's 24-hour window is closed and no allowed message tag was given.</summary>
    public const string MessengerWindow = "messenger.24h_window";

    /// <summary>Refused: Instagram's 24-hour window is closed (Instagram allows no tag for automated messages).</summary>
    public const string InstagramWindow = "instagram.24h_window";

    /// <summary>Refused: the VK user has not allowed messages from the community (message_allow), or denied them.</summary>
    public const string VkMessageAllow = "vk.message_allow";

    /// <summary>Refused: the Viber user is not subscribed to the bot (unsubscribed, or never subscribed).</summary>
    public const string ViberSubscribed = "viber.subscribed";

    /// <summary>Refused: the Telegram user blocked the bot.</summary>
    public const string TelegramBlocked = "telegram.blocked";

    /// <summary>Refused: the channel refuses delivery to this identity.</summary>
    public const string Unreachable = "identity.unreachable";

    /// <summary>Refused: the customer has no identity on the channel asked for (or none at all).</summary>
    public const string NoIdentity = "customer.no_identity";

    /// <summary>Refused: the channel cannot carry messages the business starts (the site widget reaches a visitor only while their page is open).</summary>
    public const string ChannelNotSupported = "channel.not_supported";

    /// <summary>Refused: the messaging window of a channel without a more specific rule is closed (an operator's reply on a chosen channel).</summary>
    public const string WindowClosed = "window_closed";

    /// <summary>Refused: the customer opted out of the message's subscription topic (or, for a marketing topic, of all marketing).</summary>
    public const string TopicUnsubscribed = "topic.unsubscribed";

    /// <summary>Refused: a scheduled message's subscription topic was removed from the tenant's topics before its time.</summary>
    public const string TopicUnknown = "topic.unknown";

    /// <summary>The answer to a repeated idempotency key: nothing new was sent.</summary>
    public const string Duplicate = "idempotency.duplicate";

    /// <summary>A business event the tenant's scenario binds to no entry point.</summary>
    public const string NoEntryPoint = "scenario.no_entry_point";

    /// <summary>A business event for a customer who waits for or talks with an operator: the bot does not interrupt a person.</summary>
    public const string WithOperator = "conversation.with_operator";

    /// <summary>A business event whose entry point reaches an http step before it waits for the customer.</summary>
    public const string EventHttpStep = "event.http_step";
}
