using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conversations.LoadTests;

/// <summary>
/// The machine's ceiling: a bare Kestrel endpoint that reads and parses the same webhook body and answers 200 — what
/// the platform would do if storing, routing and answering cost nothing.
/// </summary>
internal static class BareServer
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/webhook", async (HttpRequest request) =>
        {
            using var update = await JsonDocument.ParseAsync(request.Body);
            return update.RootElement.TryGetProperty("update_id", out _) ? Results.Ok() : Results.BadRequest();
        });
        await app.RunAsync();
        return 0;
    }
}
