namespace Conversations.Persistence.Scheduling;

/// <summary>Where a scheduled message is. Stored by name: add, never rename.</summary>
public enum ScheduledMessageStatus
{
    /// <summary>Waiting for its time.</summary>
    Scheduled,

    /// <summary>Claimed by a silo that is sending it (until its lease runs out).</summary>
    Sending,

    /// <summary>Sent through the outbound path (the message id says where it is now).</summary>
    Sent,

    /// <summary>A channel rule (or an opt-out) refused it at its time; the rule says which.</summary>
    Refused,

    /// <summary>Cancelled before its time.</summary>
    Cancelled,

    /// <summary>It could not be sent (the customer is gone, the content no longer valid, too many attempts).</summary>
    Failed,
}
