using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Meta.Graph;

/// <summary>
/// What each Meta channel takes as an uploaded file, from Meta's docs, and how it is sent: WhatsApp's supported media
/// (developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types: images JPEG/PNG up to 5 MB,
/// documents — text, PDF, Word, Excel, PowerPoint — up to 100 MB), Messenger's saved assets (image, audio, video or
/// file up to 25 MB; developers.facebook.com/docs/messenger-platform/send-messages/saving-assets) and Instagram's
/// messaging media (image PNG/JPEG/GIF up to 8 MB; video MP4/OGG/AVI/MOV/WebM, audio AAC/M4A/WAV/MP4 and PDF files up
/// to 25 MB; developers.facebook.com/docs/messenger-platform/instagram/features/attachment-upload).
/// </summary>
public static class MetaUploadLimits
{
    private const long MB = 1024 * 1024;

    private static readonly HashSet<string> WhatsAppDocuments = new(StringComparer.Ordinal)
    {
        "text/plain", "application/pdf", "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    /// <summary>
    /// How <paramref name="channel"/> takes a file of <paramref name="contentType"/> and <paramref name="size"/> bytes: the
    /// attachment type (WhatsApp: <c>image</c> or <c>document</c>; Messenger/Instagram: <c>image</c>, <c>video</c>,
    /// <c>audio</c> or <c>file</c>), or the reason it refuses it (a permanent failure: the same file never fits).
    /// </summary>
    public static (string? Type, string? Refusal) Classify(ChannelKind channel, string contentType, long size) => channel switch
    {
        ChannelKind.WhatsApp when contentType is "image/jpeg" or "image/png" =>
            Within("image", size, 5 * MB, "WhatsApp takes images as JPEG or PNG up to 5 MB", contentType),
        ChannelKind.WhatsApp when WhatsAppDocuments.Contains(contentType) =>
            Within("document", size, 100 * MB, "WhatsApp takes documents up to 100 MB", contentType),
        ChannelKind.WhatsApp => (null, $"WhatsApp does not take {contentType} files: it takes JPEG or PNG images (5 MB) and text, PDF or Office documents (100 MB)."),
        ChannelKind.Instagram when contentType is "image/png" or "image/jpeg" or "image/gif" =>
            Within("image", size, 8 * MB, "Instagram takes images as PNG, JPEG or GIF up to 8 MB", contentType),
        ChannelKind.Instagram when contentType is "video/mp4" or "video/ogg" or "video/x-msvideo" or "video/quicktime" or "video/webm" =>
            Within("video", size, 25 * MB, "Instagram takes videos up to 25 MB", contentType),
        ChannelKind.Instagram when contentType is "audio/aac" or "audio/mp4" or "audio/wav" or "audio/x-wav" =>
            Within("audio", size, 25 * MB, "Instagram takes audio up to 25 MB", contentType),
        ChannelKind.Instagram when contentType == "application/pdf" =>
            Within("file", size, 25 * MB, "Instagram takes PDF files up to 25 MB", contentType),
        ChannelKind.Instagram => (null, $"Instagram does not take {contentType} files: it takes PNG, JPEG or GIF images (8 MB), MP4/OGG/AVI/MOV/WebM video, AAC/M4A/WAV audio and PDF files (25 MB)."),
        _ => Within(contentType.StartsWith("image/", StringComparison.Ordinal) ? "image"
            : contentType.StartsWith("video/", StringComparison.Ordinal) ? "video"
            : contentType.StartsWith("audio/", StringComparison.Ordinal) ? "audio" : "file", size, 25 * MB, "Messenger takes attachments up to 25 MB", contentType),
    };

    private static (string?, string?) Within(string type, long size, long limit, string rule, string contentType) =>
        size <= limit ? (type, null) : (null, $"{rule}; this {contentType} file is {size / (double)MB:0.#} MB.");
}
