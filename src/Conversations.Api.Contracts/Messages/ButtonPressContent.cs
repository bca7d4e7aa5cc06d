using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Messages;

/// <summary>The customer pressed a button; <see cref="Payload"/> is what the button carried.</summary>
public sealed record ButtonPressContent(
    [property: MaxLength(FieldLimits.PressedButtonPayload)] string Payload,
    [property: MaxLength(FieldLimits.PressedButtonPayload)] string? Label = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Label ?? "";
}
