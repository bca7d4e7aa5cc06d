namespace Conversations.Api.Contracts.Messages;

/// <summary>
/// The whole original of the mail a customer's message came from, rendered for reading: its headers decoded, its HTML
/// sanitised (no scripts, forms or active content; remote images left out unless <c>remoteImages=true</c> was asked),
/// its text part, and the raw <c>.eml</c> to download at <c>/api/v1/media/{mediaId}</c>.
/// </summary>
/// <param name="MessageId">The message it was asked for.</param>
/// <param name="MediaId">The stored mail (<c>message/rfc822</c>), to download as it came.</param>
/// <param name="Size">Bytes of the stored mail.</param>
/// <param name="Subject">The subject.</param>
/// <param name="From">The From header.</param>
/// <param name="To">The To header.</param>
/// <param name="Cc">The Cc header (empty when none).</param>
/// <param name="Date">The Date header, when the mail has one.</param>
/// <param name="Html">The sanitised HTML body (a fragment to show in a sandboxed frame), or null when the mail has none.</param>
/// <param name="Text">The text/plain body, or null when the mail has none.</param>
/// <param name="RemoteImages">How many remote images (and CSS backgrounds) the HTML refers to.</param>
/// <param name="RemoteImagesShown">True when they were left in (asked with <c>remoteImages=true</c>).</param>
/// <param name="Attachments">The attachments by name and type (each also a message of its own in the conversation when it was kept).</param>
public sealed record OriginalMail(
    Guid MessageId,
    Guid MediaId,
    long Size,
    string Subject,
    string From,
    string To,
    string Cc,
    DateTimeOffset? Date,
    string? Html,
    string? Text,
    int RemoteImages,
    bool RemoteImagesShown,
    IReadOnlyList<OriginalMailAttachment> Attachments);
