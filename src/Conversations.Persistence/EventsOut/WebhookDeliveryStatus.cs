namespace Conversations.Persistence.EventsOut;

/// <summary>Where a delivery is.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its (next) attempt, or being attempted.</summary>
    Pending = 1,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered = 2,

    /// <summary>Every attempt failed; a redeliver queues it again.</summary>
    Failed = 3,
}
