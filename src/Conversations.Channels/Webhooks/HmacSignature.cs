using System.Security.Cryptography;
using System.Text;

namespace Conversations.Channels.Webhooks;

/// <summary>
/// Checks a platform's HMAC signature of a webhook call. The signature is over the exact bytes received, so verify
/// the body as read by <see cref="WebhookBody.ReadAsync"/>, never a re-serialised copy; the comparison takes the same
/// time wherever the first wrong byte is.
/// </summary>
public static class HmacSignature
{
    /// <summary>The HMAC of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static byte[] Compute(HmacAlgorithm algorithm, string secret, ReadOnlySpan<byte> body)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        return algorithm switch
        {
            // SHA-1 only because some platforms still sign with it; we never choose it ourselves.
#pragma warning disable CA5350
            HmacAlgorithm.Sha1 => HMACSHA1.HashData(key, body),
#pragma warning restore CA5350
            HmacAlgorithm.Sha256 => HMACSHA256.HashData(key, body),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown HMAC algorithm."),
        };
    }

    /// <summary>
    /// The header value a platform would send for <paramref name="body"/>: <paramref name="prefix"/> (e.g.
    /// <c>"sha256="</c>) then the HMAC in <paramref name="encoding"/> (hex in lower case).
    /// </summary>
    public static string Sign(HmacAlgorithm algorithm, string secret, ReadOnlySpan<byte> body, SignatureEncoding encoding, string prefix = "")
    {
        var mac = Compute(algorithm, secret, body);
        return prefix + (encoding == SignatureEncoding.Hex ? Convert.ToHexStringLower(mac) : Convert.ToBase64String(mac));
    }

    /// <summary>
    /// True when <paramref name="presented"/> (a header value, with <paramref name="prefix"/> when the platform puts
    /// one in front) is the right signature of <paramref name="body"/>. Missing, malformed or wrong: false.
    /// </summary>
    public static bool Verify(
        HmacAlgorithm algorithm, string? secret, ReadOnlySpan<byte> body, string? presented, SignatureEncoding encoding, string prefix = "")
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(presented)
            || !presented.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var expected = Compute(algorithm, secret, body);
        var text = presented.AsSpan(prefix.Length).Trim();
        var decoded = new byte[expected.Length];
        var written = 0;
        var ok = encoding == SignatureEncoding.Hex
            ? text.Length == expected.Length * 2 && Convert.FromHexString(text, decoded, out _, out written) == System.Buffers.OperationStatus.Done
            : Convert.TryFromBase64Chars(text, decoded, out written);
        ok = ok && written == expected.Length;
        // Compare even when decoding failed, so a malformed header costs the same time as a wrong one.
        return CryptographicOperations.FixedTimeEquals(decoded, expected) && ok;
    }
}
