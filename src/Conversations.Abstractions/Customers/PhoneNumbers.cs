namespace Conversations.Abstractions.Customers;

/// <summary>Phone numbers in E.164 form (<c>+</c> and 7 to 15 digits, ITU-T E.164 §6), the form linking compares.</summary>
public static class PhoneNumbers
{
    /// <summary>
    /// <paramref name="raw"/> in E.164 form, or null when it is not an international number. Spaces, dashes, dots and
    /// brackets are dropped; a leading <c>00</c> is the international prefix; digits without <c>+</c> are taken as an
    /// international number (what Telegram's contacts and WhatsApp's wa_id carry), except 11 digits starting with
    /// <c>89</c>: no country code starts with 89, so that is a Russian mobile number written with the trunk prefix 8.
    /// </summary>
    public static string? ToE164(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 64)
        {
            return null;
        }

        var text = raw.Trim();
        var plus = text.StartsWith('+');
        var digits = new System.Text.StringBuilder(16);
        foreach (var ch in plus ? text.AsSpan(1) : text.AsSpan())
        {
            if (char.IsAsciiDigit(ch))
            {
                digits.Append(ch);
            }
            else if (ch is not (' ' or '-' or '.' or '(' or ')' or '\u00A0'))
            {
                return null;
            }
        }

        var number = digits.ToString();
        if (!plus && number.StartsWith("00", StringComparison.Ordinal))
        {
            number = number[2..];
        }
        else if (!plus && number.Length == 11 && number.StartsWith("89", StringComparison.Ordinal))
        {
            number = "7" + number[1..];
        }

        return number.Length is >= 7 and <= 15 && number[0] != '0' ? "+" + number : null;
    }
}
