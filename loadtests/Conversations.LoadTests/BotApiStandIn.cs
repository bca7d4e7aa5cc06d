using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conversations.LoadTests;

/// <summary>
/// The Telegram Bot API stand-in of a load run, in its own process (<c>bot-api --port N</c>) so that its CPU is
/// measured apart from the generator's and the silos'. Unlike the test stand-in it keeps counts, not every call: each
/// <c>sendMessage</c> leaves only (bot id, chat id, arrival time) in a queue that the generator drains
/// (<c>GET /load/replies</c>), and the secret of the last <c>setWebhook</c> per bot.
/// It also answers the two Graph API calls a WhatsApp number makes in a load run, count-only the same way: the number's
/// check on connect (<c>GET /{version}/{phone-number-id}</c>) and the Cloud API send
/// (<c>POST /{version}/{phone-number-id}/messages</c>, queued as (phone number id, recipient's wa_id, arrival time) and
/// answered with the documented <c>messaging_product</c>, <c>contacts</c> and <c>messages[].id</c>).
/// </summary>
/// <remarks>
/// Arrival times are <see cref="Stopwatch"/> timestamps: on Linux that is CLOCK_MONOTONIC, the same clock in every
/// process of the machine, so the generator can subtract its own send times from them.
/// </remarks>
internal static class BotApiStandIn
{
    /// <summary>Bytes of one drained reply: bot id, chat id, timestamp (little-endian int64 each).</summary>
    public const int ReplyBytes = 24;

    public static async Task<int> RunAsync(int port)
    {
        var replies = new ConcurrentQueue<(long Bot, long Chat, long At)>();
        var secrets = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var counts = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var nextMessageId = 1000L;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/bot{token}/{method}", async (string token, string method, HttpRequest request) =>
        {
            var at = Stopwatch.GetTimestamp();
            counts.AddOrUpdate(method, 1, (_, n) => n + 1);
            var body = await WebhookBody.ReadAsync(request, 1024 * 1024, request.HttpContext.RequestAborted) ?? [];
            var botId = long.TryParse(token.AsSpan(0, Math.Max(0, token.IndexOf(':', StringComparison.Ordinal))), CultureInfo.InvariantCulture, out var id) ? id : 0;
            switch (method)
            {
                case "sendMessage" or "sendPhoto":
                    var chat = ChatId(body);
                    replies.Enqueue((botId, chat, at));
                    return Ok($$"""{"message_id":{{Interlocked.Increment(ref nextMessageId)}},"date":1790000000,"chat":{"id":{{chat}},"type":"private"},"text":""}""");
                case "getMe":
                    return Ok($$"""{"id":{{botId}},"is_bot":true,"first_name":"Load bot","username":"load_bot"}""");
                case "setWebhook":
                    if (StringField(body, "secret_token") is { } secret)
                    {
                        secrets[token] = secret;
                    }

                    return Ok("true");
                case "getUpdates":
                    await Task.Delay(500, request.HttpContext.RequestAborted); // webhook mode: nobody should poll
                    return Ok("[]");
                default:
                    return Ok("true"); // deleteWebhook, answerCallbackQuery and the like
            }
        });
        app.MapGet("/{version}/{phoneNumberId}", (string version, string phoneNumberId) => Results.Json(new Dictionary<string, object>
        {
            ["verified_name"] = "Load shop",
            ["display_phone_number"] = "+1 555 0100",
            ["id"] = phoneNumberId,
            // The load run's number is on the higher tier: at the standard 80 a second (inbound counted) WhatsApp's own
            // limit, not the platform, would set the figures of a step above ~100 msgs/s.
            ["throughput"] = new Dictionary<string, string> { ["level"] = "HIGH" },
        }));
        app.MapPost("/{version}/{phoneNumberId}/messages", async (string version, string phoneNumberId, HttpRequest request) =>
        {
            var at = Stopwatch.GetTimestamp();
            counts.AddOrUpdate("whatsapp/messages", 1, (_, n) => n + 1);
            var body = await WebhookBody.ReadAsync(request, 1024 * 1024, request.HttpContext.RequestAborted) ?? [];
            var to = StringField(body, "to") ?? "";
            replies.Enqueue((long.TryParse(phoneNumberId, CultureInfo.InvariantCulture, out var number) ? number : 0,
                long.TryParse(to, CultureInfo.InvariantCulture, out var waId) ? waId : 0, at));
            return Results.Json(new Dictionary<string, object>
            {
                ["messaging_product"] = "whatsapp",
                ["contacts"] = new[] { new Dictionary<string, string> { ["input"] = to, ["wa_id"] = to } },
                ["messages"] = new[] { new Dictionary<string, string> { ["id"] = $"wamid.load{Interlocked.Increment(ref nextMessageId)}" } },
            });
        });
        app.MapGet("/load/webhook-secret/{token}", (string token) =>
            secrets.TryGetValue(token, out var secret) ? Results.Text(secret) : Results.NotFound());
        app.MapGet("/load/counts", () => Results.Json(counts.ToDictionary(c => c.Key, c => c.Value)));
        app.MapGet("/load/replies", () =>
        {
            // Drained, not kept: the generator pairs each reply with its message and counts it.
            var drained = new byte[Math.Min(replies.Count + 64, 200_000) * ReplyBytes];
            var length = 0;
            while (length + ReplyBytes <= drained.Length && replies.TryDequeue(out var reply))
            {
                BinaryPrimitives.WriteInt64LittleEndian(drained.AsSpan(length), reply.Bot);
                BinaryPrimitives.WriteInt64LittleEndian(drained.AsSpan(length + 8), reply.Chat);
                BinaryPrimitives.WriteInt64LittleEndian(drained.AsSpan(length + 16), reply.At);
                length += ReplyBytes;
            }

            return Results.Bytes(drained.AsMemory(0, length), "application/octet-stream");
        });
        await app.RunAsync();
        return 0;
    }

    private static IResult Ok(string resultJson) => Results.Text($$"""{"ok":true,"result":{{resultJson}}}""", "application/json");

    /// <summary>The <c>chat_id</c> of a body: Telegram.Bot writes it as a number (a string for @channel names, which the platform does not use).</summary>
    private static long ChatId(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("chat_id"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.Number ? reader.GetInt64()
                    : long.TryParse(reader.GetString(), CultureInfo.InvariantCulture, out var chat) ? chat : 0;
            }
        }

        return 0;
    }

    private static string? StringField(byte[] body, string name)
    {
        if (body.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
