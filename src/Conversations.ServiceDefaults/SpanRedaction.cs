using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Conversations.ServiceDefaults;

/// <summary>
/// Keeps credentials out of trace spans. Outgoing calls: the Telegram Bot API carries the bot's token in the path
/// (<c>https://api.telegram.org/bot&lt;token&gt;/METHOD</c>, files under <c>/file/bot&lt;token&gt;/</c>, per
/// core.telegram.org/bots/api "Making requests"), so <c>url.full</c> is rewritten with it replaced; secret query
/// values are masked like in log lines (<see cref="QueryRedaction"/>) on both outgoing and incoming spans.
/// </summary>
public static partial class SpanRedaction
{
    /// <summary>What replaces a token in a path.</summary>
    public const string Mask = "***";

    [GeneratedRegex(@"/bot[0-9]+:[A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex BotTokenInPath();

    /// <summary>The URL fit for a span: a bot token in the path and secret query values masked.</summary>
    public static string Redact(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return BotTokenInPath().Replace(uri.OriginalString, "/bot" + Mask);
        }

        var path = BotTokenInPath().Replace(uri.AbsolutePath, "/bot" + Mask);
        return $"{uri.Scheme}://{uri.Authority}{path}{QueryRedaction.Redact(new QueryString(uri.Query.Length > 1 ? uri.Query : null))}";
    }

    /// <summary>Rewrites an outgoing call's <c>url.full</c> (HTTP client instrumentation's enrich hook).</summary>
    public static void EnrichOutgoing(Activity activity, HttpRequestMessage request)
    {
        if (request.RequestUri is { } uri)
        {
            activity.SetTag("url.full", Redact(uri));
        }
    }

    /// <summary>Masks secret values in an incoming request's <c>url.query</c> (ASP.NET Core instrumentation's enrich hook).</summary>
    public static void EnrichIncoming(Activity activity, HttpRequest request)
    {
        if (request.QueryString.HasValue)
        {
            activity.SetTag("url.query", QueryRedaction.Redact(request.QueryString).TrimStart('?'));
        }
    }
}
