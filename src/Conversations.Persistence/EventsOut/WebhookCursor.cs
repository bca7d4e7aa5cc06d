namespace Conversations.Persistence.EventsOut;

/// <summary>How far a conversation's history has been queued as events, and whose conversation it is.</summary>
/// <param name="CustomerId">The conversation's customer.</param>
/// <param name="LastSeq">The last message turned into events (0: none yet).</param>
/// <param name="CommittedSeq">The last message committed.</param>
public sealed record WebhookCursor(Guid CustomerId, long LastSeq, long CommittedSeq);
