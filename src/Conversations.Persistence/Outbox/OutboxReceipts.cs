using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Outbox;

/// <summary>How a channel's later report about an accepted message moves its delivery status (only forward).</summary>
public static class OutboxReceipts
{
    /// <summary>
    /// True when a report of <paramref name="reported"/> moves a message at <paramref name="current"/> forward: sending
    /// or sent to delivered, read or failed; delivered to read or failed. Nothing moves a read, failed, blocked or pending one.
    /// </summary>
    public static bool Advances(DeliveryStatus current, DeliveryStatus reported) => (current, reported) switch
    {
        (DeliveryStatus.Sending or DeliveryStatus.Sent, DeliveryStatus.Delivered or DeliveryStatus.Read or DeliveryStatus.Failed) => true,
        (DeliveryStatus.Delivered, DeliveryStatus.Read or DeliveryStatus.Failed) => true,
        _ => false,
    };

    /// <summary>True for a status only a channel's report sets: a send settling late must keep it.</summary>
    public static bool Reported(DeliveryStatus status) => status is DeliveryStatus.Delivered or DeliveryStatus.Read or DeliveryStatus.Failed;
}
