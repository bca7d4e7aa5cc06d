namespace Conversations.Abstractions.Conversations;

/// <summary>
/// A passing sign of life in a conversation: someone is typing, or has read up to a message. Signals go to whoever
/// watches the conversation live (operators' feeds, the widget's stream) and are never stored: a keystroke must not
/// cost a commit, and a lost signal only means "typing" or "read" shows a little later.
/// </summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When the conversation passed it on.</param>
/// <param name="UpToSeq">For a read mark, the last message read; for typing, the conversation's last sequence number.</param>
[GenerateSerializer, Immutable, Alias("conv.ConversationSignal")]
public sealed record ConversationSignal(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] ConversationSignalKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] long UpToSeq);
