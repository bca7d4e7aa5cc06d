namespace Conversations.Testing.S3;

/// <summary>One call to the S3 stand-in.</summary>
/// <param name="Method">PUT, GET, HEAD or DELETE.</param>
/// <param name="Bucket">The bucket (path-style addressing).</param>
/// <param name="Key">The object key.</param>
/// <param name="Range">The <c>Range</c> header, if any.</param>
/// <param name="ContentSha256">The <c>x-amz-content-sha256</c> header: a payload hash, <c>UNSIGNED-PAYLOAD</c> or a <c>STREAMING-…</c> mode.</param>
/// <param name="Answered">The HTTP status it was answered with.</param>
/// <param name="ErrorCode">The S3 error code of a refusal (<c>SignatureDoesNotMatch</c>, <c>NoSuchKey</c>), or null.</param>
public sealed record S3Call(string Method, string Bucket, string Key, string? Range, string? ContentSha256, int Answered, string? ErrorCode);
