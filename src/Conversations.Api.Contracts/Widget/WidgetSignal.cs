using Conversations.Api.Contracts.Conversations;

namespace Conversations.Api.Contracts.Widget;

/// <summary>
/// A <c>signal</c> event of the visitor's stream: the operator is typing, or the operators have read the conversation up
/// to a message. Never stored; a new stream gets the current read mark once it is attached.
/// </summary>
/// <param name="Kind">Typing or Read.</param>
/// <param name="UpToSeq">For Read, the last message read; for Typing, the conversation's last sequence number.</param>
/// <param name="At">When it was passed on.</param>
public sealed record WidgetSignal(SignalKind Kind, long UpToSeq, DateTimeOffset At);
