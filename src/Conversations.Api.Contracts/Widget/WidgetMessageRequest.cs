namespace Conversations.Api.Contracts.Widget;

/// <summary>A visitor's message: text, or a press of a button the bot offered.</summary>
/// <param name="ClientMessageId">Unique per message, chosen by the browser; a retry with the same id is stored once.</param>
/// <param name="Text">The text.</param>
/// <param name="Payload">The pressed button's payload (instead of text).</param>
/// <param name="Label">The pressed button's label.</param>
public sealed record WidgetMessageRequest(string? ClientMessageId, string? Text, string? Payload = null, string? Label = null);
