namespace Conversations.Abstractions.Messages;

/// <summary>A file the customer sent, kept by the channel's file id.</summary>
[GenerateSerializer, Immutable, Alias("conv.DocumentContent")]
public sealed record DocumentContent(
    [property: Id(0)] string FileId,
    [property: Id(1)] string? FileName,
    [property: Id(2)] string? MimeType,
    [property: Id(3)] string? Caption = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => string.Join(' ', new[] { FileName, Caption }.Where(s => !string.IsNullOrEmpty(s)));
}
