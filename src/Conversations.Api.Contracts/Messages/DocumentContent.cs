namespace Conversations.Api.Contracts.Messages;

/// <summary>
/// A file: the customer's by the channel's file id (and our stored copy in <see cref="Media"/> once fetched), or an
/// operator's upload (<see cref="FileId"/> empty, <see cref="Media"/> set).
/// </summary>
public sealed record DocumentContent(
    string FileId,
    string? FileName,
    string? MimeType,
    string? Caption = null,
    MediaAttachment? Media = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => string.Join(' ', new[] { FileName, Caption }.Where(s => !string.IsNullOrEmpty(s)));
}
