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
/// header, answers 200 only once the update is durable, and answers a redelivery 200 again without storing it twice.
/// Requests beyond the bot's abuse limit are refused with 429 before anything is read: Telegram redelivers any update
/// not answered 2xx, so nothing acknowledged is lost.
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
        var account = await accounts.GetAsync(new ChannelAccountKey(ChannelKind.Telegram, botId));
        if (account is null || !account.Enabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown bot",
                detail: "No enabled Telegram bot is connected under this URL.");
        }

        // Counted per known bot only (after the lookup), so made-up bot ids cannot grow the limiter's partitions.
        if (limiter.TryAcquire(AbuseLimit.TelegramUpdatesPerBot, botId) is { } refused)
        {
            return refused.ToProblem(request.HttpContext.Response);
        }

        if (!WebhookSecret.Matches(request.Headers[SecretHeader].ToString(), account.WebhookSecret))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong webhook secret",
                detail: $"The {SecretHeader} header is missing or does not match the secret registered with setWebhook.");
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
                detail: $"The body is not a Telegram Update: {ex.Message}");
        }

        if (update is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed update", detail: "The body is empty or null.");
        }

        await processor.ProcessAsync(account, update, cancellationToken);
        return TypedResults.Ok();
    }
}
