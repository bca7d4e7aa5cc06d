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

    /// <summary>
    /// A POST of <paramref name="body"/> (JSON) to <paramref name="url"/> signed with <paramref name="secret"/> at
    /// <paramref name="timestamp"/>, naming the event and the delivery (<c>X-Conversations-Event</c>, <c>X-Conversations-Delivery</c>).
    /// </summary>
    public static HttpRequestMessage SignedPost(string url, string secret, long timestamp, string body, string eventName, Guid deliveryId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, Sign(secret, timestamp, body));
        request.Headers.Add("X-Conversations-Event", eventName);
        request.Headers.Add("X-Conversations-Delivery", deliveryId.ToString("N"));
        return request;
    }
}
