using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Conversations.ServiceDefaults;

/// <summary>Telemetry, health and error conventions shared by every Conversations process.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of health checks that decide readiness (not liveness).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Adds ProblemDetails for every error, health checks and OpenTelemetry (ASP.NET Core, HTTP client,
    /// runtime, plus the given meters and activity sources). Metrics are scraped at <c>/metrics</c>; when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, traces and metrics also go to that OTLP endpoint.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string[] meters, string[] sources)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddRedactedRequestLogging();
        builder.Services.AddRequestLimits();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(meters)
                .AddPrometheusExporter());

        // Traces only when they go somewhere: recording a span for every request and grain call that nobody
        // receives costs throughput for nothing.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = context => !IsInfrastructurePath(context.Request.Path);
                        o.EnrichWithHttpRequest = SpanRedaction.EnrichIncoming;
                    })
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = SpanRedaction.EnrichOutgoing)
                    .AddSource(sources))
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers), <c>/health/ready</c> (every check tagged
    /// <see cref="ReadyTag"/> passes) and <c>/metrics</c> (Prometheus; on its own port or behind a key when configured,
    /// see <see cref="MetricsAccess"/>). Mapped in every environment.
    /// </summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapPrometheusScrapingEndpoint("/metrics").RestrictAsConfigured(app);
        return app;
    }

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
