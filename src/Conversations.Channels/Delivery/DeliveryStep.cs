namespace Conversations.Channels.Delivery;

/// <summary>Where one delivery attempt left its outbox row (<see cref="OutboxDispatcher"/>).</summary>
internal enum DeliveryStep
{
    /// <summary>Finished: sent, failed or blocked; the chat's next row may go.</summary>
    Settled,

    /// <summary>Back in the outbox for a later attempt (a retry, or pacing when the row was not to be held).</summary>
    Rescheduled,

    /// <summary>Pacing held it back and it was left as it was: the caller holds it until the wait is over.</summary>
    Paced,
}
