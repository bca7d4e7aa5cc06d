using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Channels.Widget;

/// <summary>Serves the widget's script, style sheet and demo page from the assembly (no build step, no files to deploy).</summary>
internal static class WidgetAssets
{
    private static readonly Dictionary<string, (string ContentType, string Resource)> Files = new(StringComparer.Ordinal)
    {
        ["/widget/widget.js"] = ("text/javascript; charset=utf-8", "widget/widget.js"),
        ["/widget/widget.css"] = ("text/css; charset=utf-8", "widget/widget.css"),
        ["/widget/demo"] = ("text/html; charset=utf-8", "widget/demo.html"),
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (path, (contentType, resource)) in Files)
        {
            var content = Read(resource);
            // HEAD too (sites checking that the embed script exists): Kestrel sends the same headers and drops the body.
            app.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=300";
                http.Response.Headers.AccessControlAllowOrigin = "*";
                return Results.Text(content, contentType);
            }).ExcludeFromDescription();
        }
    }

    private static string Read(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Widget asset {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
