namespace Conversations.Abstractions.Messages;

/// <summary>Something the platform does not handle (a sticker, a voice note...), kept with its kind so nothing is lost.</summary>
[GenerateSerializer, Immutable, Alias("conv.UnsupportedContent")]
public sealed record UnsupportedContent(
    [property: Id(0)] string Kind) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => "";
}
