using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.ServiceDefaults;

/// <summary>
/// Limits on the request line and headers answered as ProblemDetails. Kestrel answers its own limits (414, 431, and
/// 400 for malformed requests) while parsing, before any middleware runs, with an empty body that cannot be changed
/// (aspnet/KestrelHttpServer#2947). So Kestrel's limits are set above ours and ours are enforced here, where the answer
/// is a problem document; only requests beyond Kestrel's higher limits, and malformed ones, still get Kestrel's bare
/// answer. A body over Kestrel's <c>MaxRequestBodySize</c> is detected while the application reads it and reaches the
/// exception handler as a <see cref="Microsoft.AspNetCore.Http.BadHttpRequestException"/> with status 413.
/// </summary>
public static class RequestLimits
{
    /// <summary>Longest request target (path and query) answered normally, in bytes: Kestrel's default request line limit.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>Largest total of request headers (names and values) answered normally, in bytes: Kestrel's default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Most request headers answered normally: Kestrel's default.</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>Raises Kestrel's parsing limits above ours (8×, 2×, 2×), so that ours answer first.</summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 8 * MaxTargetBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = 2 * MaxHeaderCount;
        });

    /// <summary>Answers a request over the limits with 414 or 431 as <c>application/problem+json</c>.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        var headerBytes = context.Request.Headers.Sum(header => header.Key.Length + header.Value.Sum(value => value?.Length ?? 0) + 4);
        var problem = (target.Length, context.Request.Headers.Count, headerBytes) switch
        {
            (> MaxTargetBytes, _, _) => Problem(StatusCodes.Status414UriTooLong, "Request target too long",
                $"The path and query are {target.Length} bytes; at most {MaxTargetBytes} are accepted."),
            (_, > MaxHeaderCount, _) => Problem(StatusCodes.Status431RequestHeaderFieldsTooLarge, "Too many request headers",
                $"The request has {context.Request.Headers.Count} headers; at most {MaxHeaderCount} are accepted."),
            (_, _, > MaxHeaderBytes) => Problem(StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
                $"The request headers are {headerBytes} bytes; at most {MaxHeaderBytes} are accepted."),
            _ => null,
        };
        if (problem is null)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = problem.Status!.Value;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        });
    });

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
