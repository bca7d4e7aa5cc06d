namespace Conversations.Abstractions.Customers;

/// <summary>E-mail addresses in the form linking compares: trimmed, the domain in lower case (RFC 5321 §2.4: only the local part may be case-sensitive).</summary>
public static class EmailAddresses
{
    /// <summary>The longest address (RFC 5321 §4.5.3.1.3 path limit less the brackets).</summary>
    public const int MaxLength = 254;

    /// <summary><paramref name="raw"/> normalized, or null when it is not a plain address (<c>local@domain.tld</c>).</summary>
    public static string? Normalize(string? raw)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch) || ch is '<' or '>' or ',' or ';'))
        {
            return null;
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || text.IndexOf('@') != at)
        {
            return null;
        }

        var domain = text[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && !domain.Contains("..", StringComparison.Ordinal)
            ? string.Concat(text.AsSpan(0, at + 1), domain.ToLowerInvariant())
            : null;
    }
}
