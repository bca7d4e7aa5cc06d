using Conversations.Abstractions.Common;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Persistence.Media;

namespace Conversations.Api.Admin;

/// <summary>
/// A canned reply may carry files uploaded with <c>POST /api/v1/media</c> (an image of a gallery, a price list). A
/// client gives only the file's id: each is looked up in the tenant's store (another tenant's id finds nothing) and
/// the reply keeps the store's type and size, not the client's, so every channel's sender sends it its own way.
/// </summary>
internal static class CannedReplyMedia
{
    /// <summary>The types a channel shows as a picture; any other stored file goes as a document.</summary>
    public static bool IsPicture(string contentType) => contentType is "image/jpeg" or "image/png" or "image/gif" or "image/webp";

    /// <summary><paramref name="reply"/> with every uploaded file checked and described by the store.</summary>
    public static async Task<CannedReply> ResolveAsync(CannedReply reply, Guid tenantId, IMediaStore media, CancellationToken cancellationToken)
    {
        if (reply.Contents is null)
        {
            return reply;
        }

        var contents = new List<MessageContent>(reply.Contents.Count);
        for (var i = 0; i < reply.Contents.Count; i++)
        {
            contents.Add(reply.Contents[i] switch
            {
                ImageContent { Media.MediaId: { } id } image => ImageOf(image, await FindAsync(id, i), i),
                DocumentContent { Media.MediaId: { } id } document => DocumentOf(document, await FindAsync(id, i)),
                var other => other,
            });
        }

        return reply with { Contents = contents };

        async Task<StoredMedia> FindAsync(Guid id, int index) =>
            await media.FindAsync(tenantId, id, cancellationToken)
            ?? throw DomainException.NotFound($"$.contents[{index}].media.mediaId: no such file; upload it first with POST /api/v1/media.");
    }

    private static ImageContent ImageOf(ImageContent image, StoredMedia file, int index) =>
        IsPicture(file.ContentType)
            ? image with { Url = null, FileId = null, Media = MediaAttachment.Stored(file.MediaId, file.ContentType, file.Size) }
            : throw DomainException.Invalid($"$.contents[{index}].media.mediaId: the file is {file.ContentType}, not a picture (JPEG, PNG, GIF or WebP); send it as a \"document\".");

    private static DocumentContent DocumentOf(DocumentContent document, StoredMedia file) => document with
    {
        FileId = "",
        FileName = string.IsNullOrWhiteSpace(document.FileName) ? file.FileName ?? "file" : document.FileName,
        MimeType = file.ContentType,
        Media = MediaAttachment.Stored(file.MediaId, file.ContentType, file.Size),
    };
}
