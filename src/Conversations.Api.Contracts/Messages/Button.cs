using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Validation;

namespace Conversations.Api.Contracts.Messages;

/// <summary>A button under a message: either sends <paramref name="Payload"/> back when pressed, or opens <paramref name="Url"/>.</summary>
/// <param name="Label">What the button says.</param>
/// <param name="Payload">Data returned to the bot when pressed (a callback in Telegram): at most 64 bytes in UTF-8, never cut.</param>
/// <param name="Url">A link the button opens instead.</param>
public sealed record Button(
    [property: MaxLength(FieldLimits.ButtonLabel)] string Label,
    [property: MaxLength(FieldLimits.ButtonPayloadBytes), MaxUtf8Bytes(FieldLimits.ButtonPayloadBytes)] string? Payload = null,
    [property: MaxLength(FieldLimits.Url)] string? Url = null);
