namespace Conversations.Channels.Delivery;

/// <summary>How a send attempt ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>The channel accepted the message.</summary>
    Sent = 1,

    /// <summary>The channel asked us to slow down for a while (HTTP 429 with retry_after).</summary>
    RetryAfter = 2,

    /// <summary>A failure that may pass (5xx, network, timeout): retry with backoff.</summary>
    Transient = 3,

    /// <summary>The channel refused the message for good (bad request): do not retry.</summary>
    Permanent = 4,

    /// <summary>The customer blocked the bot (Telegram 403): stop, and mark the identity unreachable.</summary>
    RecipientBlocked = 5,
}
