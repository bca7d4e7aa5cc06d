using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Testing.Channels;

/// <summary>
/// The base of a local stand-in for a messaging platform's API, written from the platform's public documentation:
/// Kestrel on a free loopback port that the real client library talks to. It reads whole request bodies (chunked or
/// not), records every call, fails the next calls on demand with the platform's documented error objects, and sends
/// signed webhook callbacks to the app under test, which it can redeliver byte for byte.
/// </summary>
/// <typeparam name="TCall">The record of one API call, in the platform's terms.</typeparam>
public abstract class PlatformStandIn<TCall> : IAsyncDisposable
{
    private readonly ConcurrentQueue<TCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PlannedFailure>> _failures = new();
    private readonly ConcurrentQueue<WebhookDelivery> _deliveries = new();
    private WebApplication? _app;

    /// <summary>The base URL to give the platform's client library.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every call so far, in order.</summary>
    public IReadOnlyList<TCall> Calls => [.. _calls];

    /// <summary>Every webhook callback sent to the app so far, in order (redeliveries included).</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries => [.. _deliveries];

    /// <summary>Starts serving on <paramref name="port"/> of the loopback interface (0: a free one).</summary>
    protected async Task StartServerAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        MapApi(_app);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>Maps the platform's API routes.</summary>
    protected abstract void MapApi(WebApplication app);

    /// <summary>The whole request body as received (Content-Length or chunked), up to 64 MB.</summary>
    protected static async Task<byte[]> ReadBodyAsync(HttpRequest request) =>
        await WebhookBody.ReadAsync(request, 64L * 1024 * 1024, request.HttpContext.RequestAborted)
        ?? throw new InvalidOperationException("The request body is larger than a stand-in accepts.");

    /// <summary>Records a call.</summary>
    protected void Record(TCall call) => _calls.Enqueue(call);

    /// <summary>The next <paramref name="times"/> calls matching <paramref name="key"/> fail with <paramref name="status"/> and the platform's error object <paramref name="error"/>.</summary>
    protected void PlanFailure(string key, int status, JsonObject error, int times = 1)
    {
        var queue = _failures.GetOrAdd(key, _ => new());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(new PlannedFailure(status, error));
        }
    }

    /// <summary>The failure planned for the first of <paramref name="keys"/> that has one, taken off its queue.</summary>
    protected bool TryTakeFailure(out PlannedFailure failure, params ReadOnlySpan<string?> keys)
    {
        foreach (var key in keys)
        {
            if (key is not null && _failures.TryGetValue(key, out var queue) && queue.TryDequeue(out failure!))
            {
                return true;
            }
        }

        failure = null!;
        return false;
    }

    /// <summary>
    /// Sends a webhook callback to the app as the platform would: <paramref name="body"/> exactly, with
    /// <paramref name="headers"/> (a signature made with <see cref="HmacSignature.Sign"/>, a secret token).
    /// </summary>
    public async Task<HttpResponseMessage> DeliverAsync(HttpClient app, string path, byte[] body, IReadOnlyDictionary<string, string> headers,
        string contentType = "application/json")
    {
        var delivery = new WebhookDelivery(path, body, headers, contentType);
        _deliveries.Enqueue(delivery);
        return await SendAsync(app, delivery);
    }

    /// <summary>
    /// Sends a webhook callback signed the way many platforms sign them: <paramref name="header"/> holds
    /// <paramref name="prefix"/> and the HMAC of the exact body under <paramref name="secret"/>.
    /// </summary>
    public Task<HttpResponseMessage> DeliverSignedAsync(HttpClient app, string path, byte[] body, string header, HmacAlgorithm algorithm,
        string secret, SignatureEncoding encoding, string prefix = "") =>
        DeliverAsync(app, path, body, new Dictionary<string, string> { [header] = HmacSignature.Sign(algorithm, secret, body, encoding, prefix) });

    /// <summary>Sends <paramref name="delivery"/> again, byte for byte, as platforms do when they missed the answer.</summary>
    public async Task<HttpResponseMessage> RedeliverAsync(HttpClient app, WebhookDelivery delivery)
    {
        _deliveries.Enqueue(delivery);
        return await SendAsync(app, delivery);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient app, WebhookDelivery delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Path) { Content = new ByteArrayContent(delivery.Body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(delivery.ContentType);
        foreach (var (name, value) in delivery.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await app.SendAsync(request);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
