using System.Text.RegularExpressions;

namespace Conversations.Grains.Conversations;

/// <summary>Recognises a phone number typed as text ("+7 (900) 123-45-67") and normalises it to "+79001234567".</summary>
internal static partial class PhoneNumber
{
    [GeneratedRegex(@"^\+?[\d\s\-().]{7,25}$")]
    private static partial Regex Shape();

    /// <summary>True when <paramref name="text"/> is a phone number (10–15 digits).</summary>
    public static bool TryNormalize(string text, out string phone)
    {
        phone = "";
        var trimmed = text.Trim();
        if (!Shape().IsMatch(trimmed))
        {
            return false;
        }

        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        if (digits.Length is < 10 or > 15)
        {
            return false;
        }

        phone = "+" + digits;
        return true;
    }
}
