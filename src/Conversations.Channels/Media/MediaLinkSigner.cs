using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Conversations.Channels.TokenSigning;
using Microsoft.AspNetCore.WebUtilities;

namespace Conversations.Channels.Media;

/// <summary>
/// Short-lived links to a stored file that need no login header, for <c>&lt;img src&gt;</c> and downloads in the
/// console and the widget: <c>/api/v1/media/{id}/signed?tenant=…&amp;expires=…&amp;signature=…</c>, an HMAC-SHA256 over
/// tenant, file and expiry with a key derived from the deployment's signing key (so a link is good for one file of
/// one tenant until it expires, and cannot be forged or stretched).
/// </summary>
public sealed class MediaLinkSigner(SigningKeyProvider keys)
{
    /// <summary>How long a link for the console or the widget is good for.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a link handed to a channel that fetches the file itself is good for (Viber takes pictures, videos and
    /// files by URL only, and its servers and the customer's app fetch them after the send): the longest any link is
    /// signed for, and so the longest <see cref="VerifyAsync"/> accepts.
    /// </summary>
    public static readonly TimeSpan ChannelLifetime = TimeSpan.FromDays(7);

    /// <summary>A signed relative URL to <paramref name="mediaId"/> of <paramref name="tenantId"/>, good until <paramref name="expiresAt"/>.</summary>
    public Task<string> SignAsync(Guid tenantId, Guid mediaId, DateTimeOffset expiresAt) => SignAsync(tenantId, mediaId, expiresAt, null);

    /// <summary>
    /// A signed relative URL to <paramref name="mediaId"/> of <paramref name="tenantId"/>, good until
    /// <paramref name="expiresAt"/>, whose last path segment is <paramref name="fileName"/> when given
    /// (<c>/api/v1/media/{id}/signed/{fileName}?…</c>), for platforms that read the type from the URL's extension. The
    /// name is not signed: the bytes served are the file's whatever the name says.
    /// </summary>
    public async Task<string> SignAsync(Guid tenantId, Guid mediaId, DateTimeOffset expiresAt, string? fileName)
    {
        var expires = expiresAt.ToUnixTimeSeconds();
        var signature = WebEncoders.Base64UrlEncode(await MacAsync(tenantId, mediaId, expires));
        var name = string.IsNullOrEmpty(fileName) ? "" : "/" + Uri.EscapeDataString(fileName);
        return string.Create(CultureInfo.InvariantCulture, $"/api/v1/media/{mediaId}/signed{name}?tenant={tenantId:N}&expires={expires}&signature={signature}");
    }

    /// <summary>True when <paramref name="signature"/> was made by <see cref="SignAsync(Guid, Guid, DateTimeOffset, string?)"/> for these values and has not expired at <paramref name="now"/>.</summary>
    public async Task<bool> VerifyAsync(Guid tenantId, Guid mediaId, long expires, string? signature, DateTimeOffset now)
    {
        if (signature is null || expires < now.ToUnixTimeSeconds() || expires > (now + ChannelLifetime).ToUnixTimeSeconds() + 60)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = await MacAsync(tenantId, mediaId, expires);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private async Task<byte[]> MacAsync(Guid tenantId, Guid mediaId, long expires)
    {
        // A key of its own (derived with a label), so a media signature can never pass for a token's and back.
        var signingKey = await keys.GetAsync();
        var key = HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes("conversations.media-link.v1"));
        return HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{tenantId:N}|{mediaId:N}|{expires}")));
    }
}
