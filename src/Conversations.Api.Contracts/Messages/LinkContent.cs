namespace Conversations.Api.Contracts.Messages;

/// <summary>A link with a title, shown as a link button where the channel has them.</summary>
public sealed record LinkContent(
    string Url,
    string Title,
    string? Text = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Text is null ? Title : $"{Text} {Title}";
}
