using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.ServiceDefaults;

/// <summary>
/// Request logging without secrets. ASP.NET Core's hosting layer logs "Request starting/finished" lines with the full
/// URL, query included, and the operator feed and the widget's event stream carry tokens in the query. Those lines are
/// capped at Warning for every logging provider, whatever the configuration says, and replaced by one line per request
/// (category <c>Conversations.Requests</c>, level Debug) whose query has its secrets redacted (<see cref="QueryRedaction"/>).
/// </summary>
public static partial class RequestLogging
{
    /// <summary>The category of the hosting layer's request lines.</summary>
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>The category of our request lines.</summary>
    public const string Category = "Conversations.Requests";

    /// <summary>Caps the hosting layer's request lines at Warning for every provider (after configuration is applied).</summary>
    public static IServiceCollection AddRedactedRequestLogging(this IServiceCollection services) =>
        services.PostConfigure<LoggerFilterOptions>(options =>
        {
            // A rule for a provider beats a rule for all providers, and a longer category beats a shorter one: one rule
            // per provider named anywhere, for exactly this category, added last, wins over anything configured.
            var providers = options.Rules.Select(rule => rule.ProviderName).Append(null).Distinct().ToList();
            foreach (var provider in providers)
            {
                options.Rules.Add(new LoggerFilterRule(provider, HostingCategory, LogLevel.Warning, null));
            }
        });

    /// <summary>Logs each request once, when it ends, with its query's secrets redacted.</summary>
    public static IApplicationBuilder UseRedactedRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    var request = context.Request;
                    var path = (request.PathBase + request.Path).ToString();
                    var query = QueryRedaction.Redact(request.QueryString);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    LogRequest(logger, request.Method, path, query, context.Response.StatusCode, elapsed);
                }
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}{Query} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, string query, int statusCode, double elapsedMilliseconds);
}
