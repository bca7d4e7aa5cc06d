using System.Security.Cryptography;
using System.Text;
using Conversations.Channels.TokenSigning;

namespace Conversations.Channels.Widget;

/// <summary>
/// A visitor's identity token: <c>v1.{visitorId}.{signature}</c>, signed for one widget with the deployment's key.
/// The browser keeps it (localStorage), so the visitor keeps their conversation across reloads.
/// </summary>
public sealed class WidgetVisitorTokens(SigningKeyProvider keys)
{
    /// <summary>A token for <paramref name="visitorId"/> on widget <paramref name="account"/>.</summary>
    public async Task<string> IssueAsync(string account, Guid visitorId)
    {
        var id = visitorId.ToString("N");
        return $"v1.{id}.{await SignAsync(account, id)}";
    }

    /// <summary>
    /// The visitor id of the business's signed-in user <paramref name="userId"/> on widget <paramref name="account"/>:
    /// derived with the deployment's key, so every device of that user gets the same id (one identity, one history)
    /// and nobody can compute it without the key.
    /// </summary>
    public async Task<Guid> VisitorOfUserAsync(string account, string userId)
    {
        var mac = HMACSHA256.HashData(await keys.GetAsync(), Encoding.UTF8.GetBytes($"widget-user:{account}:{userId}"));
        return new Guid(mac.AsSpan(0, 16));
    }

    /// <summary>The visitor of a valid token for <paramref name="account"/>, or null.</summary>
    public async Task<Guid?> ValidateAsync(string account, string? token)
    {
        var parts = token?.Split('.');
        if (parts is not ["v1", var id, var signature] || !Guid.TryParseExact(id, "N", out var visitorId))
        {
            return null;
        }

        var expected = await SignAsync(account, id);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? visitorId
            : null;
    }

    private async Task<string> SignAsync(string account, string visitorId)
    {
        var mac = HMACSHA256.HashData(await keys.GetAsync(), Encoding.UTF8.GetBytes($"widget-visitor:{account}:{visitorId}"));
        return Convert.ToBase64String(mac).Replace('+', '-').Replace('/', '_').TrimEnd('=');
    }
}
