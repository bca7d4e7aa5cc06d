using System.Security.Cryptography;
using System.Text;

namespace Conversations.Channels.Notifications;

/// <summary>
/// How business webhooks are signed: <c>X-Conversations-Signature: sha256=HEX(HMAC-SHA256(secret, "{timestamp}.{body}"))</c>
/// with <c>X-Conversations-Timestamp</c> in Unix seconds, so receivers can refuse replays older than a few minutes.
/// </summary>
public static class WebhookSignature
{
    /// <summary>Header with the Unix timestamp.</summary>
    public const string TimestampHeader = "X-Conversations-Timestamp";

    /// <summary>Header with the signature.</summary>
    public const string SignatureHeader = "X-Conversations-Signature";

    /// <summary>The signature header value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexString(mac).ToLowerInvariant();
    }

    /// <summary>True when <paramref name="signature"/> is right for the body and timestamp (constant-time compare).</summary>
    public static bool Verify(string secret, long timestamp, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
