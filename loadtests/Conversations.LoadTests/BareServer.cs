using System.Collections.Concurrent;
using System.Text.Json;
using Conversations.Channels.Telegram;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Conversations.LoadTests;

/// <summary>
/// The same-run ceiling: a bare Kestrel endpoint that does the real Telegram webhook's per-request work
/// (<see cref="TelegramWebhookEndpoints"/>) minus the platform: looks the bot up in an in-memory map (the real one
/// hits its account cache), checks the secret header in constant time, reads the body with the same size limit and
/// deserializes the <see cref="Update"/> with Telegram.Bot, then answers 200 — what the platform would cost if
/// routing, storing and answering cost nothing.
/// </summary>
/// <remarks>The secret comes in the environment (<c>BARE_WEBHOOK_SECRET</c>), not on the command line that <c>ps</c> shows.</remarks>
internal static class BareServer
{
    public static async Task<int> RunAsync(int port, string botId)
    {
        var secrets = new ConcurrentDictionary<string, string>(StringComparer.Ordinal)
        {
            [botId] = Environment.GetEnvironmentVariable("BARE_WEBHOOK_SECRET") ?? "",
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/webhooks/telegram/{botId}", async (string botId, HttpRequest request, CancellationToken cancellationToken) =>
        {
            if (!secrets.TryGetValue(botId, out var secret))
            {
                return Results.NotFound();
            }

            if (!WebhookSecret.Matches(request.Headers[TelegramWebhookEndpoints.SecretHeader].ToString(), secret))
            {
                return Results.Unauthorized();
            }

            var body = await WebhookBody.ReadAsync(request, TelegramWebhookEndpoints.MaxBodyBytes, cancellationToken);
            if (body is null)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            try
            {
                return JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options) is { Message: not null } ? Results.Ok() : Results.BadRequest();
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }
        });
        await app.RunAsync();
        return 0;
    }
}
