namespace Conversations.Abstractions.Conversations;

/// <summary>What became of an inbound message.</summary>
public enum InboundOutcome
{
    /// <summary>Stored now (durable when this is returned).</summary>
    Stored = 1,

    /// <summary>Already stored by an earlier delivery of the same message; nothing changed.</summary>
    Duplicate = 2,
}
