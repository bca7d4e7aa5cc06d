namespace Conversations.Testing.S3;

/// <summary>An object the S3 stand-in holds.</summary>
/// <param name="Bytes">Its bytes, decoded from whatever transfer encoding the client used.</param>
/// <param name="ContentType">The <c>Content-Type</c> it was put with.</param>
/// <param name="ETag">The quoted MD5 hex of the bytes, as S3 answers for a single-part upload.</param>
/// <param name="LastModified">When it was put.</param>
public sealed record S3Object(byte[] Bytes, string ContentType, string ETag, DateTimeOffset LastModified);
