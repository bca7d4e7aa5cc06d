namespace Conversations.Api.Contracts.Conversations;

/// <summary>
/// A <c>signal</c> event of the operators' live feed: the customer of a conversation is typing, or has read up to a
/// message. Never stored and never replayed; it carries no feed position.
/// </summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Kind">Typing or Read.</param>
/// <param name="UpToSeq">For Read, the last message the customer read; for Typing, the conversation's last sequence number.</param>
/// <param name="At">When it was passed on.</param>
public sealed record FeedSignal(Guid ConversationId, SignalKind Kind, long UpToSeq, DateTimeOffset At);
