namespace Conversations.Client.Models;

/// <summary>Where an outbound message is on its way to the customer's channel.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting to be sent (or retried).</summary>
    Pending = 1,

    /// <summary>Being sent now.</summary>
    Sending = 2,

    /// <summary>The channel accepted it.</summary>
    Sent = 3,

    /// <summary>The channel refused it for good, or retries ran out.</summary>
    Failed = 4,

    /// <summary>The customer blocked the bot.</summary>
    Blocked = 5,
}
