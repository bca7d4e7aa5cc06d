using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Messages;

/// <summary>Plain text, optionally with buttons (a menu).</summary>
public sealed record TextContent(
    [property: MaxLength(FieldLimits.MessageText)] string Text,
    [property: MaxLength(FieldLimits.ButtonsPerMessage)] IReadOnlyList<Button>? Buttons = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Text;
}
