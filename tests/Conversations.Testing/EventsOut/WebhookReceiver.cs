using System.Collections.Concurrent;
using System.Text;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Testing.EventsOut;

/// <summary>
/// A CRM's webhook endpoint for tests: Kestrel on a loopback port that records every POST to <c>/hook</c> with its
/// headers, and answers 200 unless told to answer otherwise for the next calls.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentQueue<int> _planned = new();
    private WebApplication? _app;

    /// <summary>The endpoint's URL.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Every POST so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Starts a receiver on a free loopback port.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        receiver._app = builder.Build();
        receiver._app.MapPost("/hook", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    /// <summary>The next <paramref name="times"/> POSTs are answered with <paramref name="status"/>.</summary>
    public void AnswerNext(int status, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _planned.Enqueue(status);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var body = await WebhookBody.ReadAsync(request, 1024 * 1024, request.HttpContext.RequestAborted) ?? [];
        var status = _planned.TryDequeue(out var planned) ? planned : 200;
        _received.Enqueue(new ReceivedWebhook(Encoding.UTF8.GetString(body), request.Headers["X-Conversations-Timestamp"], request.Headers["X-Conversations-Signature"],
            request.Headers["X-Conversations-Event"], request.Headers["X-Conversations-Delivery"], status));
        return Results.StatusCode(status);
    }
}
