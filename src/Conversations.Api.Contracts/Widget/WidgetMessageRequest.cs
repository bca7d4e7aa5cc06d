using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Widget;

/// <summary>A visitor's message: text, a press of a button the bot offered, or a file they uploaded (with the text as its caption).</summary>
/// <param name="ClientMessageId">
/// Unique per message, chosen by the browser; a retry with the same id is stored once. The same id with a different
/// message is refused (409).
/// </param>
/// <param name="Text">The text.</param>
/// <param name="Payload">The pressed button's payload (instead of text); refused when longer than a button can carry, never cut.</param>
/// <param name="Label">The pressed button's label.</param>
/// <param name="Language">The browser's language (<c>navigator.language</c>, e.g. "en-US"): customers are answered in it when the business has texts in it.</param>
/// <param name="MediaId">A file the visitor uploaded (<c>POST /widget/v1/{account}/media</c>) to send; the text, if any, is its caption.</param>
public sealed record WidgetMessageRequest(
    [property: MaxLength(FieldLimits.ClientMessageId)] string? ClientMessageId,
    [property: MaxLength(FieldLimits.MessageText)] string? Text,
    [property: MaxLength(FieldLimits.PressedButtonPayload)] string? Payload = null,
    [property: MaxLength(FieldLimits.PressedButtonPayload)] string? Label = null,
    [property: MaxLength(FieldLimits.ShortText)] string? Language = null,
    Guid? MediaId = null);
