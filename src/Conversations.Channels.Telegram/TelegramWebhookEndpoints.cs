using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Abuse;
using Conversations.Channels.Accounts;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Telegram.Bot.Types;

namespace Conversations.Channels.Telegram;

/// <summary>
/// <c>POST /webhooks/telegram/{botId}</c>: Telegram's webhook. Checks the <c>X-Telegram-Bot-Api-Secret-Token</c>
/// header (401 for a wrong secret and for an unknown bot alike), answers 200 only once the update is durable, and
/// answers a redelivery 200 again without storing it twice. Requests beyond the bot's abuse limit are refused with 429
/// before the body is read: Telegram redelivers any update not answered 2xx, so nothing acknowledged is lost.
/// </summary>
public static class TelegramWebhookEndpoints
{
    /// <summary>The header Telegram sends the webhook secret in.</summary>
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Largest update body accepted (real updates are a few KB).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Maps the webhook.</summary>
    public static IEndpointRouteBuilder MapTelegramWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/telegram/{botId}", ReceiveAsync)
            .WithName("TelegramWebhook")
            .WithTags("Channels")
            .WithSummary("Telegram Bot API webhook (one URL per bot)")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        string botId,
        HttpRequest request,
        ChannelAccountCache accounts,
        TelegramUpdateProcessor processor,
        AbuseLimiter limiter,
        CancellationToken cancellationToken)
    {
        // An unknown or disabled bot and a wrong secret get the same answer, so the webhook does not tell a prober which
        // bot ids exist. (The secret check stays constant-time; the account lookup is cached either way.)
        var account = await accounts.GetAsync(new ChannelAccountKey(ChannelKind.Telegram, botId));
        if (account is null || !account.Enabled || !WebhookSecret.Matches(request.Headers[SecretHeader].ToString(), account.WebhookSecret))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: $"No enabled bot is connected under this URL with the secret in the {SecretHeader} header.");
        }

        // Counted per known bot with its secret only, so made-up bot ids cannot grow the limiter's partitions and a
        // prober without the secret cannot spend the bot's budget.
        if (limiter.TryAcquire(AbuseLimit.TelegramUpdatesPerBot, botId) is { } refused)
        {
            return refused.ToProblem(request.HttpContext.Response);
        }

        var body = await WebhookBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Update too large",
                detail: $"Updates larger than {MaxBodyBytes} bytes are refused.");
        }

        Update? update;
        try
        {
            update = TelegramUpdateJson.Read(body);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed update",
                detail: $"The body is not a Telegram Update: {JsonProblem(ex)}");
        }

        if (update is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed update", detail: "The body is empty or null.");
        }

        await processor.ProcessAsync(account, update, cancellationToken);
        return TypedResults.Ok();
    }

    /// <summary>Where the update is wrong, without the serializer's message (it names .NET types).</summary>
    private static string JsonProblem(JsonException exception) =>
        $"{(string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path)} is not valid (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine}).";
}
