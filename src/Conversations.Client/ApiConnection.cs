using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.Client;

/// <summary>
/// Sends one request to the API with the caller's credentials and turns the answer into a value or a
/// <see cref="ConversationsApiException"/>. Credentials go on each request, so a shared <see cref="HttpClient"/> stays clean.
/// </summary>
internal sealed class ApiConnection(HttpClient http, Action<HttpRequestMessage> authorize)
{
    public HttpClient Http => http;

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, body, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken)
            ?? throw new ConversationsApiException(response.StatusCode, "Empty answer", $"{method} {path} answered without a body.");
    }

    /// <summary>Sends <paramref name="content"/> as it is (a multipart upload) and reads the answer.</summary>
    public async Task<T> SendContentAsync<T>(HttpMethod method, string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = Request(method, path, null);
        request.Content = content;
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken)
            ?? throw new ConversationsApiException(response.StatusCode, "Empty answer", $"{method} {path} answered without a body.");
    }

    public async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, body, cancellationToken);
    }

    /// <summary>Opens a streaming GET (headers read, body not); the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, Action<HttpRequestMessage> configure, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path, null);
        configure(request);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return response;
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = Request(method, path, body);
        var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return response;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, object? body)
    {
        // Relative to the base address as a folder, so a server under a path prefix keeps its prefix.
        var server = http.BaseAddress!.ToString();
        var request = new HttpRequestMessage(method, new Uri(new Uri(server.EndsWith('/') ? server : server + "/"), path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ClientJson.Options);
        }

        request.Headers.Accept.ParseAdd("application/json");
        authorize(request);
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        using (response)
        {
            var (title, detail, rule) = await ReadProblemAsync(response, cancellationToken);
            throw new ConversationsApiException(response.StatusCode, title, detail, rule);
        }
    }

    /// <summary>The ProblemDetails' title, detail and rule, or the status in words when the body is not one.</summary>
    private static async Task<(string Title, string Detail, string? Rule)> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var fallbackTitle = response.ReasonPhrase is { Length: > 0 } reason ? reason : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fallbackDetail = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "The token is missing, invalid or expired.",
            HttpStatusCode.Forbidden => "Your account may not do this.",
            HttpStatusCode.NotFound => "No such thing on this server.",
            _ => $"The server answered {(int)response.StatusCode} {fallbackTitle}.",
        };
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (fallbackTitle, fallbackDetail, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object
                ? (fallbackTitle, fallbackDetail, null)
                : (StringOf(root, "title") ?? fallbackTitle, StringOf(root, "detail") ?? fallbackDetail, StringOf(root, "rule"));
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's error page, or an older server's plain status page for an event-stream request.
            return (fallbackTitle, fallbackDetail, null);
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
