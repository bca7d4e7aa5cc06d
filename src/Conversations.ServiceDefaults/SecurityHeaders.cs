using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Conversations.ServiceDefaults;

/// <summary>
/// Headers every response carries: <c>X-Content-Type-Options: nosniff</c>, so a browser never runs a body as another
/// type than declared; and <c>Cache-Control: no-store</c> on API answers, which carry tokens, secrets and customers'
/// data that no shared or browser cache should keep (static assets keep their own caching).
/// </summary>
public static class SecurityHeaders
{
    private static readonly PathString[] PrivatePaths = ["/api", "/widget/v1"];

    /// <summary>Adds the headers to every response that does not set them itself.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (PrivatePaths.Any(p => context.Request.Path.StartsWithSegments(p)) && !headers.ContainsKey(HeaderNames.CacheControl))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
