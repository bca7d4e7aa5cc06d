namespace Conversations.Api.Contracts.Channels;

/// <summary>The messenger (or website widget) a customer writes from.</summary>
public enum ChannelKind
{
    /// <summary>Telegram bot (Bot API).</summary>
    Telegram = 1,

    /// <summary>The embeddable chat widget on the business's website.</summary>
    Widget = 2,

    /// <summary>VK community messages.</summary>
    Vk = 3,

    /// <summary>Viber bot.</summary>
    Viber = 4,

    /// <summary>WhatsApp Cloud API.</summary>
    WhatsApp = 5,

    /// <summary>Facebook Messenger.</summary>
    Messenger = 6,

    /// <summary>Not a customer channel: e-mail to the business (handoff notifications), delivered through the outbox.</summary>
    NotificationEmail = 100,

    /// <summary>Not a customer channel: a signed webhook call to the business, delivered through the outbox.</summary>
    NotificationWebhook = 101,

    /// <summary>Not a customer channel: an SMS with a one-time code (a scenario's verify step), sent by the platform's SMS sender.</summary>
    NotificationSms = 102,

    /// <summary>Instagram Direct (Messenger Platform API for Instagram).</summary>
    Instagram = 7,

    /// <summary>A support mailbox (IMAP in, SMTP out).</summary>
    Email = 8,
}
