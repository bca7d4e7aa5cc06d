using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Conversations.Abstractions.Customers;

/// <summary>
/// The one-time token of a "continue in messenger" link: <c>cl_</c> and 32 random bytes in base64url (46 characters of
/// <c>A-Za-z0-9_-</c>, so it fits a Telegram start parameter, at most 64 of them). Only its SHA-256 names the
/// <see cref="IContinueLinkTokenGrain"/> that keeps it, so the token itself is stored nowhere.
/// </summary>
public static partial class ContinueLinkToken
{
    /// <summary>How long a token may be redeemed after it was made.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>A new token (cryptographically random).</summary>
    public static string New() =>
        "cl_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The token inside <paramref name="text"/> (a <c>/start</c> payload, a referral, a prefilled message), or null.</summary>
    public static string? Find(string? text) =>
        text is { Length: >= 46 } && text.Contains("cl_", StringComparison.Ordinal) && Pattern().Match(text) is { Success: true } match ? match.Value : null;

    /// <summary>The grain key of <paramref name="token"/> in <paramref name="tenantId"/>: <c>{tenant}:{hex SHA-256 of the token}</c>.</summary>
    public static string ToGrainKey(Guid tenantId, string token) =>
        $"{tenantId:N}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)))}";

    /// <summary>The tenant of a key made by <see cref="ToGrainKey"/>.</summary>
    public static Guid TenantOf(string grainKey) => Guid.ParseExact(grainKey.AsSpan(0, 32), "N");

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])cl_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
