using Conversations.Persistence.Media;

namespace Conversations.Channels.Media;

/// <summary>
/// The name a stored file goes out under on a channel that needs one with an extension (VK's document upload, Viber's
/// file messages and media links): its own sanitised name when that has an extension, otherwise its id with the
/// extension of the type told from its bytes.
/// </summary>
public static class StoredFileName
{
    /// <summary>The name of <paramref name="media"/> with an extension (none when its type has no usual one).</summary>
    public static string For(StoredMedia media) =>
        media.FileName is { Length: > 0 } own && Path.GetExtension(own).Length > 1
            ? own
            : $"{media.MediaId:N}{ExtensionOf(media.ContentType)}";

    /// <summary>The usual extension (with its dot) of <paramref name="contentType"/>, or "" when there is none we know.</summary>
    public static string ExtensionOf(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "application/pdf" => ".pdf",
        "text/plain" => ".txt",
        "application/zip" => ".zip",
        MediaSniffer.Docx => ".docx",
        MediaSniffer.Xlsx => ".xlsx",
        MediaSniffer.Pptx => ".pptx",
        "audio/mpeg" => ".mp3",
        "audio/ogg" => ".ogg",
        "audio/mp4" => ".m4a",
        "video/mp4" => ".mp4",
        "video/webm" => ".webm",
        "video/quicktime" => ".mov",
        _ => "",
    };
}
