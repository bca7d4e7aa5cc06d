using System.Net.Mail;
using System.Text;

namespace Conversations.Bot.Engine;

/// <summary>Checks and normalises the e-mail addresses and phone numbers customers type.</summary>
internal static class ContactValidator
{
    /// <summary>The address trimmed, or null when it is not one plain address with a dotted domain.</summary>
    public static string? Email(string text)
    {
        var candidate = text.Trim();
        if (candidate.Length is 0 or > 254 || candidate.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(candidate, out var address) || address.Address != candidate || address.DisplayName.Length > 0)
        {
            return null;
        }

        var domain = address.Host;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.') ? candidate : null;
    }

    /// <summary>
    /// The number as <c>+digits</c> (a Russian trunk prefix "8" becomes "+7"), or just digits when a 10-digit number
    /// gives no country; null unless it has 10–15 digits and only digits, spaces, <c>-().</c> and a leading <c>+</c>.
    /// </summary>
    public static string? Phone(string text)
    {
        var candidate = text.Trim();
        var digits = new StringBuilder();
        for (var i = 0; i < candidate.Length; i++)
        {
            var c = candidate[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (!(c is ' ' or '-' or '(' or ')' or '.' || (c == '+' && i == 0)))
            {
                return null;
            }
        }

        if (digits.Length is < 10 or > 15)
        {
            return null;
        }

        var number = digits.ToString();
        if (candidate.StartsWith('+'))
        {
            return "+" + number;
        }

        return number.Length == 11 && number[0] == '8' ? "+7" + number[1..]
            : number.Length >= 11 ? "+" + number
            : number;
    }
}
