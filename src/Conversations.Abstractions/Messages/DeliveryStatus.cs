namespace Conversations.Abstractions.Messages;

/// <summary>Where an outbound message is on its way to the customer's channel.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting to be sent (or to be retried).</summary>
    Pending = 1,

    /// <summary>A silo is sending it now.</summary>
    Sending = 2,

    /// <summary>The channel accepted it.</summary>
    Sent = 3,

    /// <summary>The channel refused it for good, or retries ran out; see the error.</summary>
    Failed = 4,

    /// <summary>The customer blocked the bot; no further retries.</summary>
    Blocked = 5,

    /// <summary>The channel reports it reached the customer's device (WhatsApp "delivered", a Messenger delivery receipt).</summary>
    Delivered = 6,

    /// <summary>The channel reports the customer read it (WhatsApp "read", a Messenger read receipt).</summary>
    Read = 7,
}
