using System.Collections.Concurrent;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Testing;

/// <summary>
/// The business's own webhook endpoint, as a real HTTP server (Kestrel on a loopback port): it answers 200 to every
/// POST and keeps each request's headers and whole body, for tests of what the platform sends a business.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication _app = null!;

    /// <summary>The URL to give the platform.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Starts a receiver on a free loopback port.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        receiver._app = builder.Build();
        receiver._app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            var body = await WebhookBody.ReadAsync(request, 1024 * 1024, request.HttpContext.RequestAborted) ?? [];
            receiver._received.Enqueue(new ReceivedWebhook(
                request.Path, request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                System.Text.Encoding.UTF8.GetString(body)));
            return Results.Ok();
        });
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One request a <see cref="WebhookReceiver"/> received.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body);
