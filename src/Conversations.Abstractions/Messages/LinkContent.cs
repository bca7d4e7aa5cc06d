namespace Conversations.Abstractions.Messages;

/// <summary>A link with a title, shown as a link button where the channel has them.</summary>
[GenerateSerializer, Immutable, Alias("conv.LinkContent")]
public sealed record LinkContent(
    [property: Id(0)] string Url,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Text = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Text is null ? Title : $"{Text} {Title}";
}
