using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Viber.Api;

/// <summary>
/// Calls the REST bot API the documented way (developers.viber.com/docs/api/rest-bot-api): <c>POST {base}/{method}</c>
/// with a JSON body and the bot's token in the <c>X-Viber-Auth-Token</c> header. Viber answers HTTP 200 with a
/// <c>status</c>; a non-zero one becomes a <see cref="ViberApiException"/>, a non-2xx status an
/// <see cref="HttpRequestException"/> with the status.
/// </summary>
public sealed class ViberApiClient(IHttpClientFactory httpClients, IOptions<ViberOptions> options)
{
    /// <summary>Name of the HTTP client used for the Viber API (its loggers removed: they would print the token header).</summary>
    public const string HttpClientName = "viber-api";

    /// <summary>The header carrying the bot's token.</summary>
    public const string TokenHeader = "X-Viber-Auth-Token";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Calls <paramref name="method"/> (<c>send_message</c>, <c>set_webhook</c>...) with <paramref name="body"/>.</summary>
    public async Task<ViberResponse> CallAsync(string method, string token, JsonObject body, CancellationToken cancellationToken)
    {
        var baseUrl = (options.Value.ApiBaseUrl ?? ViberOptions.DefaultApiBaseUrl).TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{baseUrl}/{method}"))
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(TokenHeader, token);
        using var http = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        http.EnsureSuccessStatusCode();
        var response = await http.Content.ReadFromJsonAsync<ViberResponse>(Json, cancellationToken)
            ?? throw new JsonException($"{method} answered an empty body.");
        if (response.Status != ViberStatus.Ok)
        {
            throw new ViberApiException(response.Status, response.StatusMessage ?? "", method);
        }

        return response;
    }
}
