namespace Conversations.Persistence.Outbox;

/// <summary>Texts the outbox records as errors.</summary>
public static class OutboxMessages
{
    /// <summary>Recorded when a claim ran out before the row was settled: the silo died mid-send, so the channel may already have it.</summary>
    public const string LeaseExpired = "The previous delivery attempt did not finish (silo stopped mid-send); retried, the channel may show it twice.";
}
