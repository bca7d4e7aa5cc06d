using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.ServiceDefaults;

/// <summary>
/// Who may scrape <c>/metrics</c> (they tell load, tenants' activity and internals). <c>Metrics:Port</c>: when set, the
/// endpoint answers only connections to that local port (404 elsewhere), a port the Service and ingress do not expose;
/// the server listens on it besides <c>Urls</c> (<see cref="ListenOnMetricsPort"/>). <c>Metrics:ApiKey</c>: when set, a
/// scrape must send <c>Authorization: Bearer &lt;key&gt;</c> (401 otherwise). Neither is set by default, for a
/// developer's machine: a deployment sets one or both.
/// </summary>
public static partial class MetricsAccess
{
    /// <summary>When <c>Metrics:Port</c> is set, the server listens on it too, beside the addresses configured in <c>Urls</c>.</summary>
    public static WebApplicationBuilder ListenOnMetricsPort(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetValue<int?>("Metrics:Port") is > 0 and var port)
        {
            // The addresses Kestrel would use without us: Urls, else the HTTP ports (set by .NET container images), else its default.
            var urls = builder.Configuration["urls"] is { Length: > 0 } configured
                ? configured
                : builder.Configuration["http_ports"] is { Length: > 0 } ports
                    ? string.Join(';', ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://+:{p.Trim()}"))
                    : "http://localhost:5000";
            builder.WebHost.UseUrls($"{urls};http://+:{port}");
        }

        return builder;
    }

    /// <summary>Restricts the endpoint as configuration says.</summary>
    public static IEndpointConventionBuilder RestrictAsConfigured(this IEndpointConventionBuilder metrics, WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        int? port = app.Configuration.GetValue<int?>("Metrics:Port") is > 0 and var configured ? configured : null;
        var key = app.Configuration["Metrics:ApiKey"] is { Length: > 0 } k ? SHA256.HashData(Encoding.UTF8.GetBytes(k)) : null;
        if (port is { } metricsPort)
        {
            WarnIfNotListening(app, metricsPort);
        }

        metrics.Add(endpoint =>
        {
            var scrape = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                if (port is { } only && context.Connection.LocalPort != only)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                if (key is not null && !HasKey(context.Request, key))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                return scrape(context);
            };
        });
        return metrics;
    }

    private static bool HasKey(HttpRequest request, byte[] keyHash)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        // Compared as hashes, in constant time: the length of the key leaks nothing either.
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())), keyHash);
    }

    private static void WarnIfNotListening(WebApplication app, int port) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (addresses.Count > 0 && !addresses.Any(a => a.EndsWith($":{port}", StringComparison.Ordinal)))
            {
                LogNotListening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricsAccess).FullName!), port, string.Join(", ", addresses));
            }
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics:Port is {Port} but the server listens on {Addresses} only: /metrics cannot be scraped. Kestrel endpoints configured elsewhere override Urls; add the port there.")]
    private static partial void LogNotListening(ILogger logger, int port, string addresses);
}
