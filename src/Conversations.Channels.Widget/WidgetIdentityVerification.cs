using System.Security.Cryptography;
using System.Text;

namespace Conversations.Channels.Widget;

/// <summary>
/// Identity verification of the website's signed-in users, as Intercom, Front and Chatwoot do it: the business's
/// server computes <c>userHash</c> = HMAC-SHA256(widget identity secret, userId) as lower-case hex
/// (dev.frontapp.com/docs/identify-users: "createHmac('sha256', verificationSecret) … digest('hex')") and hands it to
/// the page with the id; the widget sends both, and only a matching pair is that user.
/// </summary>
public static class WidgetIdentityVerification
{
    /// <summary>The hash of <paramref name="userId"/> under <paramref name="secret"/> (what the business computes).</summary>
    public static string Hash(string secret, string userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));

    /// <summary>True when <paramref name="userHash"/> is the hash of <paramref name="userId"/> (hex in either case), compared in fixed time.</summary>
    public static bool Matches(string secret, string userId, string? userHash)
    {
        if (userHash is not { Length: 64 } || !userHash.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret, userId)), Encoding.ASCII.GetBytes(userHash.ToLowerInvariant()));
    }

    /// <summary>A new secret: 32 random bytes as hex.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
