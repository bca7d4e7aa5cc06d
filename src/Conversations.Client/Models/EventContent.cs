namespace Conversations.Client.Models;

/// <summary>A conversation event kept in the history (handoff, live chat started, released...).</summary>
public sealed record EventContent(ConversationEventKind Event, string? Detail = null, Guid? OperatorId = null) : MessageContent;
