namespace Conversations.Abstractions.Messages;

/// <summary>
/// An image given by URL (outbound), by the channel's file id (inbound) or by our stored copy (<see cref="Media"/>: fetched
/// from the channel after an inbound message was stored, or uploaded by an operator), with an optional caption.
/// </summary>
[GenerateSerializer, Immutable, Alias("conv.ImageContent")]
public sealed record ImageContent(
    [property: Id(0)] string? Url,
    [property: Id(1)] string? FileId,
    [property: Id(2)] string? Caption = null,
    [property: Id(3)] IReadOnlyList<Button>? Buttons = null,
    [property: Id(4)] MediaAttachment? Media = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Caption ?? "";
}
