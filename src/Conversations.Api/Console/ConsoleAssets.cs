using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

// Not Conversations.Api.Console: a namespace named Console would hide System.Console in every Conversations.Api.*
// namespace, the test projects' included.
namespace Conversations.Api.Console;

/// <summary>
/// Serves the operator console (<c>/console</c>): plain HTML, CSS and JavaScript modules embedded in the assembly (no
/// build step, no files to deploy). Browsers revalidate every load (no-cache with an ETag), so a rolled-out host
/// reaches every operator at their next reload.
/// </summary>
public static class ConsoleAssets
{
    private const string ResourcePrefix = "console/";

    // The console runs only its own scripts and styles; images in messages may come from anywhere.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src * data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".txt"] = "text/plain; charset=utf-8",
    };

    /// <summary>Maps <c>/console</c> (the app's page) and <c>/console/{file}</c> for every embedded console file.</summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = resource[ResourcePrefix.Length..].Replace('\\', '/');
            var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            var content = Read(assembly, resource);
            string[] paths = file == "index.html" ? ["/console", "/console/index.html"] : [$"/console/{file}"];
            foreach (var path in paths)
            {
                MapFile(app, path, content, contentType);
            }
        }

        return app;
    }

    private static void MapFile(IEndpointRouteBuilder app, string path, byte[] content, string contentType)
    {
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12))}\"";
        var isPage = contentType.StartsWith("text/html", StringComparison.Ordinal);
        // HEAD too (link checkers, monitors, caches revalidating): Kestrel sends the same headers and drops the body.
        app.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) =>
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-cache";
            headers.ETag = etag;
            headers.XContentTypeOptions = "nosniff";
            if (isPage)
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
            }

            return http.Request.Headers.IfNoneMatch.ToString().Contains(etag, StringComparison.Ordinal)
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(content, contentType);
        }).ExcludeFromDescription();
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Console asset {resource} is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
