using System.Text;

namespace Conversations.Bot.Http;

/// <summary>
/// <see cref="IScenarioHttpClient"/> over <see cref="HttpClient"/> (register it as a typed client). Enforces the
/// request's timeout whatever the <see cref="HttpClient.Timeout"/>, and reads at most <see cref="MaxBodyBytes"/>.
/// </summary>
/// <param name="client">The HTTP client to use.</param>
/// <param name="timeProvider">The clock for the timeout.</param>
public sealed class HttpClientScenarioHttpClient(HttpClient client, TimeProvider timeProvider) : IScenarioHttpClient
{
    /// <summary>The largest response body read; a CRM answer for a chat needs far less.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <inheritdoc />
    public async Task<ScenarioHttpResponse> SendAsync(ScenarioHttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = new CancellationTokenSource(request.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var message = new HttpRequestMessage(request.Method, request.Url);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.JsonBody is not null)
        {
            message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await ReadBodyAsync(response.Content, linked.Token);
            return new ScenarioHttpResponse((int)response.StatusCode, body);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {request.Url.GetLeftPart(UriPartial.Path)} took longer than {request.Timeout.TotalSeconds:0.#} s.", ex);
        }
    }

    /// <summary>The body as UTF-8 text, cut at <see cref="MaxBodyBytes"/> (a cut JSON body then fails to parse).</summary>
    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (body.Length < MaxBodyBytes
            && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, MaxBodyBytes - body.Length)), cancellationToken)) > 0)
        {
            body.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
    }
}
