using System.Net.Http.Headers;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Media;

namespace Conversations.Channels.Meta.Graph;

/// <summary>
/// An operator's stored file on its way to a Meta channel: the content that carries one (an image or a document with a
/// media id and no URL, as the console, CLI and API upload make), its bytes read from the media store and checked
/// against the channel's limits (<see cref="MetaUploadLimits"/>).
/// </summary>
/// <param name="Media">The stored file.</param>
/// <param name="Bytes">Its bytes.</param>
/// <param name="Type">The channel's attachment type for it.</param>
/// <param name="Caption">The words that go with it, if any.</param>
public sealed record MetaUpload(StoredMedia Media, byte[] Bytes, string Type, string? Caption)
{
    /// <summary>The name the file goes under: its own, or its id with the extension of its type.</summary>
    public string FileName => Media.FileName ?? $"{Media.MediaId:N}{Extension(Media.ContentType)}";

    /// <summary>The media id of <paramref name="content"/> when it is an uploaded file to send as bytes, else null.</summary>
    public static Guid? MediaIdOf(MessageContent content) => content switch
    {
        ImageContent { Url: null, Media.MediaId: { } id } => id,
        DocumentContent { Media.MediaId: { } id } => id,
        _ => null,
    };

    /// <summary>Reads the file of <paramref name="content"/> for <paramref name="channel"/>; throws <see cref="MetaUploadRefusedException"/> when it is gone or does not fit.</summary>
    public static async Task<MetaUpload> ReadAsync(IMediaStore store, ChannelKind channel, Guid tenantId, MessageContent content, CancellationToken cancellationToken)
    {
        var id = MediaIdOf(content) ?? throw new ArgumentException("The content carries no stored file.", nameof(content));
        var media = await store.FindAsync(tenantId, id, cancellationToken) ?? throw new MetaUploadRefusedException("The file is no longer stored.");
        var (type, refusal) = MetaUploadLimits.Classify(channel, media.ContentType, media.Size);
        if (type is null)
        {
            throw new MetaUploadRefusedException(refusal!);
        }

        var bytes = await store.ReadAsync(tenantId, id, cancellationToken) ?? throw new MetaUploadRefusedException("The file is no longer stored.");
        var caption = content switch
        {
            ImageContent image => image.Caption,
            DocumentContent document => document.Caption,
            _ => null,
        };
        return new MetaUpload(media, bytes, type, string.IsNullOrWhiteSpace(caption) ? null : caption);
    }

    /// <summary>The bytes as a multipart file part named <paramref name="field"/>, with the file's name and sniffed type.</summary>
    public void AddTo(MultipartFormDataContent form, string field)
    {
        var part = new ByteArrayContent(Bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(Media.ContentType);
        form.Add(part, field, FileName);
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        "application/pdf" => ".pdf",
        "text/plain" => ".txt",
        "video/mp4" => ".mp4",
        _ => "",
    };
}
