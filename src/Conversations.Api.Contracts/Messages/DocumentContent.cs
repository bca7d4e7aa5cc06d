namespace Conversations.Api.Contracts.Messages;

/// <summary>A file the customer sent, kept by the channel's file id.</summary>
public sealed record DocumentContent(
    string FileId,
    string? FileName,
    string? MimeType,
    string? Caption = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => string.Join(' ', new[] { FileName, Caption }.Where(s => !string.IsNullOrEmpty(s)));
}
