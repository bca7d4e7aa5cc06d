namespace Conversations.LoadTests;

/// <summary>The channel a simulated customer writes through.</summary>
internal enum LoadChannel
{
    /// <summary>Telegram Bot API webhooks (replies to the stand-in's <c>sendMessage</c>).</summary>
    Telegram,

    /// <summary>The website widget's visitor API (replies on the visitor's feed, not paired).</summary>
    Widget,

    /// <summary>WhatsApp Cloud API webhooks (replies to the stand-in's Graph <c>/{phone-number-id}/messages</c>).</summary>
    WhatsApp,
}
