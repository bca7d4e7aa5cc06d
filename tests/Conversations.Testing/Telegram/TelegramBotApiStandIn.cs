using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Testing.Telegram;

/// <summary>
/// A local stand-in for the Telegram Bot API: speaks its documented protocol (<c>POST /bot{token}/{method}</c>, JSON
/// in, <c>{"ok":true,"result":...}</c> or <c>{"ok":false,"error_code":...,"parameters":{"retry_after":...}}</c> out),
/// records every call, can be told to fail the next calls of a method, and serves queued updates to getUpdates.
/// The real Telegram.Bot client talks to it.
/// </summary>
public sealed class TelegramBotApiStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<BotApiCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Description, int? RetryAfter)>> _failures = new();
    private readonly ConcurrentQueue<JsonObject> _updates = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HeldCall>> _holds = new();
    private readonly Dictionary<string, (long Id, string Username)> _bots = new(StringComparer.Ordinal);
    private int _nextMessageId = 1000;

    private TelegramBotApiStandIn(WebApplication app) => _app = app;

    /// <summary>The base URL to give Telegram.Bot (<c>TelegramBotClientOptions.BaseUrl</c>).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every call so far, in order.</summary>
    public IReadOnlyList<BotApiCall> Calls => [.. _calls];

    /// <summary>Starts on <paramref name="port"/> of the loopback interface (0: a free one).</summary>
    public static async Task<TelegramBotApiStandIn> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var standIn = new TelegramBotApiStandIn(app);
        app.MapPost("/bot{token}/{method}", standIn.HandleAsync);
        await app.StartAsync();
        standIn.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return standIn;
    }

    /// <summary>Makes <paramref name="token"/> a valid bot with this id and username (getMe answers it).</summary>
    public void AddBot(string token, long id, string username)
    {
        lock (_bots)
        {
            _bots[token] = (id, username);
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> (to <paramref name="chatId"/> only, when given) fail with this error.
    /// </summary>
    public void FailNext(string method, int status, string description, int? retryAfter = null, int times = 1, long? chatId = null)
    {
        var queue = _failures.GetOrAdd(chatId is null ? method : $"{method}:{chatId}", _ => new());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((status, description, retryAfter));
        }
    }

    /// <summary>
    /// The next call of <paramref name="method"/> (to <paramref name="chatId"/> only, when given) is held unanswered
    /// until <see cref="HeldCall.Release"/>: a request in flight, to see what the caller does meanwhile.
    /// </summary>
    public HeldCall HoldNext(string method, long? chatId = null)
    {
        var held = new HeldCall();
        _holds.GetOrAdd(chatId is null ? method : $"{method}:{chatId}", _ => new()).Enqueue(held);
        return held;
    }

    /// <summary>Queues an update for getUpdates.</summary>
    public void QueueUpdate(string updateJson) => _updates.Enqueue(JsonNode.Parse(updateJson)!.AsObject());

    /// <summary>Successful calls of a method.</summary>
    public IReadOnlyList<BotApiCall> Succeeded(string method) => [.. _calls.Where(c => c.Method == method && c.Answered == 200)];

    /// <summary>All calls of a method.</summary>
    public IReadOnlyList<BotApiCall> CallsOf(string method) => [.. _calls.Where(c => c.Method == method)];

    private async Task<IResult> HandleAsync(string token, string method, HttpRequest request)
    {
        JsonObject body;
        try
        {
            body = request.ContentLength is > 0 || request.HasJsonContentType()
                ? (await JsonNode.ParseAsync(request.Body))?.AsObject() ?? []
                : [];
        }
        catch (JsonException)
        {
            body = [];
        }

        (long Id, string Username) bot;
        lock (_bots)
        {
            if (!_bots.TryGetValue(token, out bot))
            {
                return Record(token, method, body, Error(401, "Unauthorized"));
            }
        }

        var chatKey = body["chat_id"] is { } chat ? $"{method}:{chat}" : null;
        if ((chatKey is not null && _holds.TryGetValue(chatKey, out var chatHolds) && chatHolds.TryDequeue(out var held))
            || (_holds.TryGetValue(method, out var holds) && holds.TryDequeue(out held)))
        {
            await held.WaitAsync();
        }

        if ((chatKey is not null && _failures.TryGetValue(chatKey, out var chatQueue) && chatQueue.TryDequeue(out var failure))
            || (_failures.TryGetValue(method, out var queue) && queue.TryDequeue(out failure)))
        {
            return Record(token, method, body, Error(failure.Status, failure.Description, failure.RetryAfter));
        }

        return method switch
        {
            "getMe" => Record(token, method, body, Ok(new JsonObject
            {
                ["id"] = bot.Id,
                ["is_bot"] = true,
                ["first_name"] = "Test bot",
                ["username"] = bot.Username,
            })),
            "sendMessage" or "sendPhoto" => Record(token, method, body, Ok(SentMessage(body))),
            "answerCallbackQuery" or "setWebhook" or "deleteWebhook" => Record(token, method, body, Ok(true)),
            "getUpdates" => Record(token, method, body, Ok(await UpdatesAsync(body))),
            _ => Record(token, method, body, Error(404, $"Not Found: method {method} not found")),
        };
    }

    private async Task<JsonArray> UpdatesAsync(JsonObject body)
    {
        // Long polling, shortened: answer as soon as updates are queued, or empty after a moment.
        var offset = body["offset"]?.GetValue<long>() ?? 0;
        for (var i = 0; i < 20 && _updates.IsEmpty; i++)
        {
            await Task.Delay(25);
        }

        var result = new JsonArray();
        while (_updates.TryPeek(out var update) && update["update_id"]!.GetValue<long>() < offset)
        {
            _updates.TryDequeue(out _); // confirmed by the offset
        }

        foreach (var update in _updates.ToArray())
        {
            result.Add(update.DeepClone());
        }

        return result;
    }

    private JsonObject SentMessage(JsonObject body) => new()
    {
        ["message_id"] = Interlocked.Increment(ref _nextMessageId),
        ["date"] = 1_790_000_000,
        ["chat"] = new JsonObject { ["id"] = JsonValue.Create(long.Parse(body["chat_id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture)), ["type"] = "private" },
        ["text"] = body["text"]?.DeepClone(),
    };

    private IResult Record(string token, string method, JsonObject body, (int Status, JsonObject Json) answer)
    {
        _calls.Enqueue(new BotApiCall(token, method, body, answer.Status, System.Diagnostics.Stopwatch.GetTimestamp()));
        return Results.Json(answer.Json, statusCode: answer.Status);
    }

    private static (int, JsonObject) Ok(JsonNode result) => (200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static (int, JsonObject) Error(int status, string description, int? retryAfter = null)
    {
        var json = new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            json["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }

        return (status, json);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A Bot API call the stand-in holds unanswered (<see cref="TelegramBotApiStandIn.HoldNext"/>).</summary>
public sealed class HeldCall
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the call has arrived and is being held.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Lets the held call be answered.</summary>
    public void Release() => _released.TrySetResult();

    internal Task WaitAsync()
    {
        _reached.TrySetResult();
        return _released.Task;
    }
}
