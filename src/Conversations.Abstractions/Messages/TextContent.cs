namespace Conversations.Abstractions.Messages;

/// <summary>Plain text, optionally with buttons (a menu).</summary>
/// <param name="Text">The words.</param>
/// <param name="Buttons">Buttons under it.</param>
[GenerateSerializer, Immutable, Alias("conv.TextContent")]
public sealed record TextContent(
    [property: Id(0)] string Text,
    [property: Id(1)] IReadOnlyList<Button>? Buttons = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Text;
}
