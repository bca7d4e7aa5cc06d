using System.Security.Cryptography;
using System.Text;

namespace Conversations.Channels.Webhooks;

/// <summary>
/// Checks a shared secret a platform echoes in a header (Telegram's <c>X-Telegram-Bot-Api-Secret-Token</c>, VK's
/// <c>secret</c> field) in constant time.
/// </summary>
public static class WebhookSecret
{
    /// <summary>True when <paramref name="presented"/> equals <paramref name="expected"/>; an empty or missing side never matches.</summary>
    public static bool Matches(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(expected) || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
    }
}
