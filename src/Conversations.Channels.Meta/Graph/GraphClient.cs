using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Meta.Graph;

/// <summary>
/// Calls the Graph API (<c>{base}/{version}/{path}</c>) with an access token in the <c>Authorization</c> header (never
/// in the URL, so no log line carries it). An error answer becomes a <see cref="GraphApiException"/> with Meta's error
/// object; an answer without one (a proxy's 502) becomes an <see cref="HttpRequestException"/> with its status.
/// </summary>
public sealed class GraphClient(IHttpClientFactory httpClients, IOptions<MetaOptions> options)
{
    /// <summary>Name of the HTTP client used for the Graph API.</summary>
    public const string HttpClientName = "meta-graph-api";

    /// <summary>Meta's Graph API server.</summary>
    public const string DefaultBaseUrl = "https://graph.facebook.com";

    /// <summary>GET <paramref name="path"/> (after the version), e.g. <c>{phone-number-id}?fields=verified_name</c>.</summary>
    public async Task<JsonElement> GetAsync(string path, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        return await SendAsync(request, token, cancellationToken);
    }

    /// <summary>POST <paramref name="body"/> as JSON to <paramref name="path"/> (after the version).</summary>
    public async Task<JsonElement> PostAsync(string path, string token, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return await SendAsync(request, token, cancellationToken);
    }

    /// <summary>POST <paramref name="form"/> as <c>multipart/form-data</c> to <paramref name="path"/> (after the version): a file upload.</summary>
    public async Task<JsonElement> PostMultipartAsync(string path, string token, MultipartFormDataContent form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = form };
        return await SendAsync(request, token, cancellationToken);
    }

    /// <summary>Opens <paramref name="url"/> (a media URL the Graph API gave) with the token; the caller disposes the answer.</summary>
    public async Task<HttpResponseMessage> DownloadAsync(Uri url, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ErrorOfAsync(response, cancellationToken);
            }
        }

        return response;
    }

    private Uri Url(string path) =>
        new($"{(options.Value.GraphBaseUrl ?? DefaultBaseUrl).TrimEnd('/')}/{options.Value.GraphVersion}/{path.TrimStart('/')}");

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, string token, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorOfAsync(response, cancellationToken);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new HttpRequestException($"The Graph API answered {(int)response.StatusCode} with a body that is not JSON.", null, response.StatusCode);
        }
    }

    private static async Task<Exception> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return Parse(bytes) is { } error
            ? new GraphApiException((int)response.StatusCode, error)
            : new HttpRequestException($"The Graph API answered {(int)response.StatusCode} without an error object.", null, response.StatusCode);
    }

    /// <summary>The error object in <paramref name="body"/>, or null when it has none.</summary>
    internal static GraphError? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
                || !error.TryGetProperty("code", out var code) || !code.TryGetInt32(out var codeValue))
            {
                return null;
            }

            return new GraphError(codeValue,
                error.TryGetProperty("error_subcode", out var sub) && sub.TryGetInt32(out var subValue) ? subValue : null,
                Text(error, "message"), Text(error, "type"),
                error.TryGetProperty("error_data", out var data) && data.ValueKind == JsonValueKind.Object ? Text(data, "details") : null,
                Text(error, "fbtrace_id"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
