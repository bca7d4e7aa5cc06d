namespace Conversations.Abstractions.Messages;

/// <summary>Plain text, optionally with buttons (a menu).</summary>
/// <param name="Text">The words.</param>
/// <param name="Buttons">Buttons under it.</param>
/// <param name="MessageTag">The Messenger message tag it goes with outside the 24-hour window (a message the business started); null: a normal response.</param>
[GenerateSerializer, Immutable, Alias("conv.TextContent")]
public sealed record TextContent(
    [property: Id(0)] string Text,
    [property: Id(1)] IReadOnlyList<Button>? Buttons = null,
    [property: Id(2)] string? MessageTag = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Text;
}
