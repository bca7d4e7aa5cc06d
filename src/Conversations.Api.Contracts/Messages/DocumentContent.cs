namespace Conversations.Api.Contracts.Messages;

/// <summary>
/// A file: the customer's by the channel's file id (and our stored copy in <c>media</c> once fetched), or an
/// operator's upload (<c>fileId</c> empty, <c>media</c> set).
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
