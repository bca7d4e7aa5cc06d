namespace Conversations.Persistence.Media;

/// <summary>A file in the media store (without its bytes).</summary>
/// <param name="MediaId">Its id, served at <c>/api/v1/media/{id}</c>.</param>
/// <param name="TenantId">The tenant that owns it.</param>
/// <param name="Sha256">SHA-256 of the bytes (the store keeps one copy per tenant and hash).</param>
/// <param name="ContentType">The type sniffed from the bytes.</param>
/// <param name="Size">Bytes.</param>
/// <param name="FileName">The sanitised original name, if one was given.</param>
/// <param name="CreatedAt">When it was first stored.</param>
public sealed record StoredMedia(Guid MediaId, Guid TenantId, byte[] Sha256, string ContentType, long Size, string? FileName, DateTimeOffset CreatedAt)
{
    /// <summary>The checksum as lower-case hex (an ETag, a log line).</summary>
    public string Sha256Hex => Convert.ToHexStringLower(Sha256);
}
