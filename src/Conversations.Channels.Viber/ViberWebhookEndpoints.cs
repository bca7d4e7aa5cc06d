using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Accounts;
using Conversations.Channels.Viber.Api;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Channels.Viber;

/// <summary>
/// <c>POST /webhooks/viber/{botId}</c>: the bot's webhook (developers.viber.com/docs/api/rest-bot-api/#callbacks).
/// Every callback carries <c>X-Viber-Content-Signature</c>, the hex HMAC-SHA256 of the exact body keyed by the bot's
/// token; a missing or wrong signature, an unknown or disabled bot get the same 403 and nothing is stored. The
/// <c>webhook</c> check set_webhook triggers is answered 200; conversation_started is answered with the welcome
/// message in the body; every other callback is answered 200 only once it is durable. Viber retries a callback not
/// answered 200 (for about an hour) with the same message_token, which the dedup key makes stored once.
/// </summary>
public static class ViberWebhookEndpoints
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Viber-Content-Signature";

    /// <summary>Largest callback body accepted (real ones are a few KB).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the webhook endpoint.</summary>
    public static IEndpointRouteBuilder MapViberWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/viber/{botId}", ReceiveAsync)
            .WithName("ViberWebhook")
            .WithTags("Channels")
            .WithSummary("Viber bot webhook (one URL per bot)")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string botId,
        HttpRequest request,
        ChannelAccountCache accounts,
        ViberCallbackProcessor processor,
        CancellationToken cancellationToken)
    {
        var body = await WebhookBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Callback too large",
                detail: $"Callbacks larger than {MaxBodyBytes} bytes are refused.");
        }

        var account = botId.Length is > 0 and <= 128 ? await accounts.GetAsync(new ChannelAccountKey(ChannelKind.Viber, botId)) : null;
        if (account is null || !account.Enabled
            || !HmacSignature.Verify(HmacAlgorithm.Sha256, account.Credential, body, request.Headers[SignatureHeader].ToString(), SignatureEncoding.Hex))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"No enabled bot is connected under this URL, or {SignatureHeader} is not the HMAC-SHA256 of the body keyed by its token.");
        }

        // Invalid UTF-8 inside a string would only fail later, when a field is read (not as a JsonException): refused here.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed callback", detail: "The body is not valid UTF-8 JSON.");
        }

        ViberCallback? callback;
        try
        {
            callback = JsonSerializer.Deserialize<ViberCallback>(body, Json);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed callback",
                detail: $"The body is not a Viber callback: {(string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path)} is not valid.");
        }

        if (callback is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed callback", detail: "$: the body is null.");
        }

        var answer = await processor.ProcessAsync(account, callback, cancellationToken);
        return answer is null ? Results.Ok() : Results.Text(answer.ToJsonString(), "application/json");
    }
}
