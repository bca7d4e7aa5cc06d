namespace Conversations.Abstractions.Messages;

/// <summary>An image given by URL (outbound) or by the channel's file id (inbound), with an optional caption.</summary>
[GenerateSerializer, Immutable, Alias("conv.ImageContent")]
public sealed record ImageContent(
    [property: Id(0)] string? Url,
    [property: Id(1)] string? FileId,
    [property: Id(2)] string? Caption = null,
    [property: Id(3)] IReadOnlyList<Button>? Buttons = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Caption ?? "";
}
