namespace Conversations.Api.Contracts.Media;

/// <summary>A file in the tenant's media store (what an upload returns); send it as an image or document message by its id.</summary>
/// <param name="MediaId">Its id (<c>GET /api/v1/media/{mediaId}</c>).</param>
/// <param name="ContentType">The type told from its bytes.</param>
/// <param name="Size">Bytes.</param>
/// <param name="FileName">The sanitised original name, if one was given.</param>
/// <param name="Sha256">SHA-256 of the bytes, lower-case hex (the same bytes are stored once).</param>
public sealed record StoredFile(Guid MediaId, string ContentType, long Size, string? FileName, string Sha256);
