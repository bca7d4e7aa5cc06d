namespace Conversations.Api.Contracts.Conversations;

/// <summary>What a live signal says: someone is typing, or has read up to a message. Signals are never stored.</summary>
public enum SignalKind
{
    /// <summary>Typing now (shown for a few seconds; repeated every 2-3 s while typing goes on).</summary>
    Typing = 1,

    /// <summary>Has read the conversation up to <c>upToSeq</c>.</summary>
    Read = 2,
}
