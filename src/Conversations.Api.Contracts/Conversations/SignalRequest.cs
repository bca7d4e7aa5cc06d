using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>
/// "I am typing" or "I have read up to this message", passed on live to the other side and never stored: an operator's
/// to the customer (the widget shows it), a widget visitor's to the operators (their live feed's <c>signal</c> event).
/// Send typing at most every 2-3 s while typing goes on; the other side shows it for a few seconds after the last one.
/// </summary>
/// <param name="Kind">Typing or Read.</param>
/// <param name="UpToSeq">For Read: the sequence number of the last message read (a mark never moves back).</param>
public sealed record SignalRequest(
    [property: Required] SignalKind? Kind,
    [property: Range(0, long.MaxValue)] long UpToSeq = 0);
