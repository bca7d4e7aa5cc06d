using Conversations.Api.Contracts.Messages;

namespace Conversations.Api.Contracts.Widget;

/// <summary>A message as the widget shows it.</summary>
/// <param name="Id">Event id for resuming the stream: <c>{conversation}:{seq}</c>.</param>
/// <param name="MessageId">The message.</param>
/// <param name="Seq">Position in the conversation.</param>
/// <param name="From">"customer", "bot" or "operator".</param>
/// <param name="Content">What it carries (type + fields).</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="ClientMessageId">For the visitor's own messages, the clientMessageId the widget sent it with: the widget
/// recognises its pending copy by it, whether the live event or the send's answer arrives first.</param>
/// <param name="MediaUrl">
/// A short-lived signed link, relative to the widget's server, to the file we keep for an image or document (null when
/// there is none); a reload of the history brings a fresh one.
/// </param>
public sealed record WidgetMessage(
    string Id, Guid MessageId, long Seq, string From, MessageContent Content, DateTimeOffset CreatedAt, string? ClientMessageId = null, string? MediaUrl = null);
