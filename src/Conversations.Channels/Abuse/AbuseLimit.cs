namespace Conversations.Channels.Abuse;

/// <summary>
/// The limits on the anonymous surfaces (the widget's visitor API, messengers' webhooks): each is a token bucket per
/// partition (an address, a widget, a visitor, a bot), configured under <c>AbuseLimits:&lt;name&gt;</c>.
/// </summary>
public enum AbuseLimit
{
    /// <summary>Widget sessions started or resumed from one client address.</summary>
    WidgetSessionsPerIp,

    /// <summary>New widget visitors (sessions without a valid token) of one widget.</summary>
    WidgetSessionsPerWidget,

    /// <summary>Messages of one widget visitor.</summary>
    WidgetMessagesPerVisitor,

    /// <summary>Widget messages from one client address (all its visitors together).</summary>
    WidgetMessagesPerIp,

    /// <summary>Widget messages that open a new conversation, per widget.</summary>
    NewConversationsPerWidget,

    /// <summary>Requests to one Telegram bot's webhook.</summary>
    TelegramUpdatesPerBot,

    /// <summary>Typing and read signals of one widget visitor.</summary>
    WidgetSignalsPerVisitor,
}
