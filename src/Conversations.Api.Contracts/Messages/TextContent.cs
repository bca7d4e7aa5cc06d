namespace Conversations.Api.Contracts.Messages;

/// <summary>Plain text, optionally with buttons (a menu).</summary>
public sealed record TextContent(
    string Text,
    IReadOnlyList<Button>? Buttons = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Text;
}
