using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security;
using System.Text;
using Conversations.Testing.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.Testing.S3;

/// <summary>
/// A local stand-in for an S3-compatible object store, written from the Amazon S3 REST API reference
/// (docs.aws.amazon.com/AmazonS3/latest/API): path-style <c>PUT</c>/<c>GET</c>/<c>HEAD</c>/<c>DELETE /{bucket}/{key}</c>
/// (PutObject, GetObject with <c>Range</c> answered 206 with <c>Content-Range</c> or 416 <c>InvalidRange</c>, HeadObject,
/// DeleteObject answered 204 whether or not the key existed). Every request must carry a valid Signature Version 4
/// (<see cref="SigV4"/>): an unknown key is <c>InvalidAccessKeyId</c>, a wrong secret <c>SignatureDoesNotMatch</c>, both
/// 403. Bodies are read whole: plain, or <c>aws-chunked</c> (<c>STREAMING-…</c> payloads, signed chunks or unsigned with
/// trailing checksums) decoded to the object's bytes; a signed payload hash must match the bytes
/// (<c>XAmzContentSHA256Mismatch</c>). Errors are S3's XML <c>&lt;Error&gt;&lt;Code&gt;…</c> documents.
/// </summary>
public sealed class S3StandIn : PlatformStandIn<S3Call>
{
    /// <summary>The access key id the stand-in knows.</summary>
    public const string AccessKey = "AKIASTANDIN000000001";

    /// <summary>The secret that goes with <see cref="AccessKey"/>.</summary>
    public const string SecretKey = "stand-in-secret-key/0123456789abcdefghijklm";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, S3Object>> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Method, int Status, string Code)> _failures = new();
    private int _requestId;

    private S3StandIn()
    {
    }

    /// <summary>Starts on a free loopback port with one empty bucket named <paramref name="bucket"/>.</summary>
    public static async Task<S3StandIn> StartAsync(string bucket = "media")
    {
        var standIn = new S3StandIn();
        standIn._buckets[bucket] = new(StringComparer.Ordinal);
        await standIn.StartServerAsync(0);
        return standIn;
    }

    /// <summary>The object at <paramref name="key"/> of <paramref name="bucket"/>, or null.</summary>
    public S3Object? Find(string bucket, string key) =>
        _buckets.TryGetValue(bucket, out var objects) && objects.TryGetValue(key, out var found) ? found : null;

    /// <summary>Every key of <paramref name="bucket"/>.</summary>
    public IReadOnlyCollection<string> Keys(string bucket) => _buckets.TryGetValue(bucket, out var objects) ? [.. objects.Keys] : [];

    /// <summary>The next <paramref name="times"/> requests with <paramref name="method"/> fail with <paramref name="status"/> and the S3 error <paramref name="code"/>.</summary>
    public void FailNext(string method, int status, string code, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue((method, status, code));
        }
    }

    /// <inheritdoc />
    protected override void MapApi(WebApplication app)
    {
        app.MapMethods("/{bucket}/{**key}", ["PUT", "GET", "HEAD", "DELETE"], HandleAsync);
    }

    private async Task HandleAsync(HttpContext http, string bucket, string key)
    {
        var request = http.Request;
        var range = request.Headers.Range.ToString() is { Length: > 0 } r ? r : null;
        var contentSha256 = request.Headers["x-amz-content-sha256"].ToString();
        var resource = $"/{bucket}/{key}";

        async Task Fail(int status, string code, string message)
        {
            Record(new S3Call(request.Method, bucket, key, range, contentSha256, status, code));
            await WriteErrorAsync(http, status, code, message, resource);
        }

        // The body is read before anything is refused, as a real server drains it.
        var body = request.Method == "PUT" ? await ReadBodyAsync(request) : [];
        if (SigV4.Verify(request, id => id == AccessKey ? SecretKey : null) is { } refusal)
        {
            await Fail(403, refusal, refusal == "SignatureDoesNotMatch"
                ? "The request signature we calculated does not match the signature you provided. Check your key and signing method."
                : "Access Denied");
            return;
        }

        if (_failures.TryPeek(out var planned) && planned.Method == request.Method && _failures.TryDequeue(out planned))
        {
            await Fail(planned.Status, planned.Code, $"Planned failure: {planned.Code}.");
            return;
        }

        if (!_buckets.TryGetValue(bucket, out var objects))
        {
            await Fail(404, "NoSuchBucket", "The specified bucket does not exist");
            return;
        }

        switch (request.Method)
        {
            case "PUT":
                if (DecodePayload(request, body, contentSha256) is not { } bytes)
                {
                    await Fail(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
                    return;
                }

#pragma warning disable CA5351 // S3's ETag of a single-part upload is the MD5 of the bytes: an identity, not a security use.
                var etag = $"\"{Convert.ToHexStringLower(MD5.HashData(bytes))}\"";
#pragma warning restore CA5351
                var stored = new S3Object(bytes, request.ContentType ?? "binary/octet-stream", etag, DateTimeOffset.UtcNow);
                objects[key] = stored;
                Record(new S3Call("PUT", bucket, key, range, contentSha256, 200, null));
                http.Response.Headers.ETag = stored.ETag;
                http.Response.StatusCode = 200;
                return;

            case "DELETE":
                objects.TryRemove(key, out _);
                Record(new S3Call("DELETE", bucket, key, range, contentSha256, 204, null));
                http.Response.StatusCode = 204;
                return;
        }

        if (!objects.TryGetValue(key, out var found))
        {
            if (request.Method == "HEAD")
            {
                // HeadObject answers a missing key with a bare 404: a HEAD response has no body.
                Record(new S3Call("HEAD", bucket, key, range, contentSha256, 404, "NoSuchKey"));
                http.Response.StatusCode = 404;
                return;
            }

            await Fail(404, "NoSuchKey", "The specified key does not exist.");
            return;
        }

        var total = found.Bytes.LongLength;
        var (from, to) = (0L, total - 1);
        var status = 200;
        if (range is not null)
        {
            if (ParseRange(range, total) is not { } satisfiable)
            {
                http.Response.Headers.ContentRange = $"bytes */{total}";
                await Fail(416, "InvalidRange", "The requested range is not satisfiable");
                return;
            }

            (from, to) = satisfiable;
            status = 206;
            http.Response.Headers.ContentRange = $"bytes {from}-{to}/{total}";
        }

        Record(new S3Call(request.Method, bucket, key, range, contentSha256, status, null));
        http.Response.StatusCode = status;
        http.Response.ContentType = found.ContentType;
        http.Response.ContentLength = to - from + 1;
        http.Response.Headers.ETag = found.ETag;
        http.Response.Headers.LastModified = found.LastModified.ToString("R", CultureInfo.InvariantCulture);
        http.Response.Headers.AcceptRanges = "bytes";
        if (request.Method == "GET")
        {
            await http.Response.Body.WriteAsync(found.Bytes.AsMemory((int)from, (int)(to - from + 1)));
        }
    }

    /// <summary>The object's bytes from the body as sent, or null when a signed payload hash does not match them.</summary>
    private static byte[]? DecodePayload(HttpRequest request, byte[] body, string contentSha256)
    {
        var chunked = contentSha256.StartsWith("STREAMING-", StringComparison.Ordinal)
            || request.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.OrdinalIgnoreCase);
        if (chunked)
        {
            var bytes = DecodeAwsChunked(body);
            return request.Headers["x-amz-decoded-content-length"].ToString() is { Length: > 0 } declared
                && long.Parse(declared, CultureInfo.InvariantCulture) != bytes.LongLength ? null : bytes;
        }

        return contentSha256 == "UNSIGNED-PAYLOAD" || contentSha256 == Convert.ToHexStringLower(SHA256.HashData(body)) ? body : null;
    }

    /// <summary>
    /// Decodes <c>aws-chunked</c>: chunks of <c>hex-size[;chunk-signature=…]\r\n</c> bytes <c>\r\n</c>, ended by a chunk of
    /// size 0 and optional trailing headers (<c>x-amz-checksum-crc32:…</c>).
    /// </summary>
    private static byte[] DecodeAwsChunked(byte[] body)
    {
        using var bytes = new MemoryStream();
        var at = 0;
        while (at < body.Length)
        {
            var lineEnd = body.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var header = Encoding.ASCII.GetString(body, at, lineEnd);
            var size = int.Parse(header.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            at += lineEnd + 2;
            if (size == 0)
            {
                break;
            }

            bytes.Write(body, at, size);
            at += size + 2;
        }

        return bytes.ToArray();
    }

    /// <summary>A single <c>bytes=</c> range (first-last, first-, -suffix) within <paramref name="total"/>, or null when it cannot be satisfied.</summary>
    private static (long From, long To)? ParseRange(string header, long total)
    {
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = header["bytes=".Length..].Split('-', 2);
        if (spec.Length != 2)
        {
            return null;
        }

        if (spec[0].Length == 0)
        {
            var suffix = long.Parse(spec[1], CultureInfo.InvariantCulture);
            return suffix == 0 || total == 0 ? null : (Math.Max(0, total - suffix), total - 1);
        }

        var from = long.Parse(spec[0], CultureInfo.InvariantCulture);
        var to = spec[1].Length == 0 ? total - 1 : Math.Min(long.Parse(spec[1], CultureInfo.InvariantCulture), total - 1);
        return from >= total || to < from ? null : (from, to);
    }

    private async Task WriteErrorAsync(HttpContext http, int status, string code, string message, string resource)
    {
        http.Response.StatusCode = status;
        if (http.Request.Method == "HEAD")
        {
            return;
        }

        http.Response.ContentType = "application/xml";
        var requestId = Interlocked.Increment(ref _requestId).ToString("X16", CultureInfo.InvariantCulture);
        await http.Response.WriteAsync($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message><Resource>{SecurityElement.Escape(resource)}</Resource><RequestId>{requestId}</RequestId></Error>
            """);
    }
}
