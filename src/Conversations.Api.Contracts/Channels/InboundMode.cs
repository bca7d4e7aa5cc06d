namespace Conversations.Api.Contracts.Channels;

/// <summary>How a channel account receives updates.</summary>
public enum InboundMode
{
    /// <summary>The channel calls our webhook (needs a public HTTPS URL).</summary>
    Webhook = 1,

    /// <summary>We ask the channel for updates (Telegram getUpdates), for machines without a public URL.</summary>
    Polling = 2,
}
