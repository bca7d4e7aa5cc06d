using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Conversations.Testing.S3;

/// <summary>
/// Verifies an AWS Signature Version 4 <c>Authorization</c> header as S3 does (docs.aws.amazon.com/AmazonS3/latest/API/
/// sig-v4-header-based-auth.html): the canonical request (method, URI as sent, sorted and RFC 3986-encoded query,
/// the signed headers in lower case with trimmed values, the signed header list, the <c>x-amz-content-sha256</c> value),
/// the string to sign (<c>AWS4-HMAC-SHA256</c>, <c>x-amz-date</c>, the scope, the canonical request's SHA-256) and the
/// signing key derived from <c>"AWS4" + secret</c> through date, region, service and <c>aws4_request</c>.
/// </summary>
public static class SigV4
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The S3 error code that refuses the request (<c>AccessDenied</c>, <c>InvalidAccessKeyId</c>, <c>SignatureDoesNotMatch</c>), or null when its signature holds.</summary>
    public static string? Verify(HttpRequest request, Func<string, string?> secretOf)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return "AccessDenied";
        }

        var parts = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return "AuthorizationHeaderMalformed";
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[3] != "s3" || scope[4] != "aws4_request")
        {
            return "AuthorizationHeaderMalformed";
        }

        if (secretOf(scope[0]) is not { } secret)
        {
            return "InvalidAccessKeyId";
        }

        var amzDate = request.Headers["x-amz-date"].ToString();
        var payloadHash = request.Headers["x-amz-content-sha256"].ToString();
        if (amzDate.Length == 0 || payloadHash.Length == 0 || !amzDate.StartsWith(scope[1], StringComparison.Ordinal))
        {
            return "AccessDenied";
        }

        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var queryAt = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? target : target[..queryAt];
        var query = queryAt < 0 ? "" : target[(queryAt + 1)..];
        var names = signedHeaders.Split(';');
        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(path).Append('\n')
            .Append(CanonicalQuery(query)).Append('\n');
        foreach (var name in names)
        {
            var value = name == "host" ? request.Host.Value : string.Join(',', request.Headers[name].Select(v => Collapse(v ?? "")));
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{string.Join('/', scope[1..])}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var step in new[] { scope[1], scope[2], scope[3], scope[4] })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(step));
        }

        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)) ? null : "SignatureDoesNotMatch";
    }

    private static string CanonicalQuery(string query) => string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .Select(pair => (Key: Uri.EscapeDataString(Uri.UnescapeDataString(pair[0])), Value: pair.Length > 1 ? Uri.EscapeDataString(Uri.UnescapeDataString(pair[1])) : ""))
        .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
        .Select(p => $"{p.Key}={p.Value}"));

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
