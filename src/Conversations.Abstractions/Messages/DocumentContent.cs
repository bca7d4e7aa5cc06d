namespace Conversations.Abstractions.Messages;

/// <summary>
/// A file: the customer's by the channel's file id (and our stored copy in <see cref="Media"/> once fetched), or an
/// operator's upload (<see cref="FileId"/> empty, <see cref="Media"/> set).
/// </summary>
[GenerateSerializer, Immutable, Alias("conv.DocumentContent")]
public sealed record DocumentContent(
    [property: Id(0)] string FileId,
    [property: Id(1)] string? FileName,
    [property: Id(2)] string? MimeType,
    [property: Id(3)] string? Caption = null,
    [property: Id(4)] MediaAttachment? Media = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => string.Join(' ', new[] { FileName, Caption }.Where(s => !string.IsNullOrEmpty(s)));
}
