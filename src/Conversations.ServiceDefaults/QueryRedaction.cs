using System.Text;
using Microsoft.AspNetCore.Http;

namespace Conversations.ServiceDefaults;

/// <summary>
/// A query string fit for a log line: the values of parameters that carry credentials are replaced by <c>***</c>.
/// Browsers' EventSource cannot send headers, so the operator feed takes its JWT as <c>?access_token=</c> and the widget
/// its visitor token as <c>?token=</c>; the other names are the usual ones for keys and secrets.
/// </summary>
public static class QueryRedaction
{
    /// <summary>Query parameter names whose values are never logged (case-insensitive).</summary>
    public static readonly IReadOnlySet<string> SecretNames = new HashSet<string>(
        ["access_token", "token", "id_token", "refresh_token", "api_key", "apikey", "key", "secret", "password", "signature", "sig", "code"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The query with secret values replaced; empty when there is no query.</summary>
    public static string Redact(QueryString query)
    {
        if (!query.HasValue || query.Value!.Length <= 1)
        {
            return "";
        }

        var redacted = new StringBuilder();
        foreach (var pair in query.Value[1..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            redacted.Append(redacted.Length == 0 ? '?' : '&').Append(equals >= 0 && SecretNames.Contains(name) ? pair[..(equals + 1)] + "***" : pair);
        }

        return redacted.ToString();
    }
}
