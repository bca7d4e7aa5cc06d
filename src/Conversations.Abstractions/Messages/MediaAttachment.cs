namespace Conversations.Abstractions.Messages;

/// <summary>
/// The file behind an image or document as kept by our media store: its id (served at <c>/api/v1/media/{id}</c>),
/// the type sniffed from its bytes and its size; or, when the store could not keep it, why.
/// </summary>
/// <param name="MediaId">The stored file, or null when it was refused or could not be fetched.</param>
/// <param name="ContentType">The type sniffed from the bytes (null when not stored).</param>
/// <param name="Size">Bytes (0 when not stored).</param>
/// <param name="Problem">Why the file is not stored (too large, a type the tenant does not accept, gone from the channel), or null.</param>
[GenerateSerializer, Immutable, Alias("conv.MediaAttachment")]
public sealed record MediaAttachment(
    [property: Id(0)] Guid? MediaId,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] long Size,
    [property: Id(3)] string? Problem = null)
{
    /// <summary>A stored file.</summary>
    public static MediaAttachment Stored(Guid mediaId, string contentType, long size) => new(mediaId, contentType, size);

    /// <summary>A file the store does not keep, with the reason.</summary>
    public static MediaAttachment Refused(string problem) => new(null, null, 0, problem);
}
