using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Vk.Api;

/// <summary>
/// Calls VK API methods the documented way (dev.vk.com/api/api-requests): <c>POST {base}/method/{name}</c> with the
/// parameters form-encoded, the API version pinned (<c>v=5.199</c>) and the community token as <c>access_token</c> in
/// the body, never in the URL (so no proxy or client log prints it). An error object becomes a
/// <see cref="VkApiException"/>; a non-2xx status an <see cref="HttpRequestException"/> with the status.
/// </summary>
public sealed class VkApiClient(IHttpClientFactory httpClients, IOptions<VkOptions> options)
{
    /// <summary>Name of the HTTP client used for the VK API.</summary>
    public const string HttpClientName = "vk-api";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Calls <paramref name="method"/> with <paramref name="token"/> and returns its <c>response</c> as <typeparamref name="T"/>.</summary>
    public async Task<T> CallAsync<T>(string method, string token, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var response = await CallRawAsync(method, token, parameters, cancellationToken);
        return response.Deserialize<T>(Json) ?? throw new JsonException($"{method} answered an empty response.");
    }

    /// <summary>Calls <paramref name="method"/> and returns its <c>response</c> as JSON.</summary>
    public async Task<JsonElement> CallRawAsync(string method, string token, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>(parameters)
        {
            new("access_token", token),
            new("v", VkOptions.ApiVersion),
        };
        var baseUrl = (options.Value.ApiBaseUrl ?? "https://api.vk.com").TrimEnd('/');
        using var content = new FormUrlEncodedContent(form);
        using var http = await httpClients.CreateClient(HttpClientName).PostAsync(new Uri($"{baseUrl}/method/{method}"), content, cancellationToken);
        http.EnsureSuccessStatusCode();
        var envelope = await http.Content.ReadFromJsonAsync<VkEnvelope>(Json, cancellationToken)
            ?? throw new JsonException($"{method} answered an empty body.");
        if (envelope.Error is { } error)
        {
            throw new VkApiException(error.ErrorCode, error.ErrorMsg ?? "", method);
        }

        return envelope.Response ?? throw new JsonException($"{method} answered neither response nor error.");
    }
}
