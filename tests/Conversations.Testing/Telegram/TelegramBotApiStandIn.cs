using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Testing.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.Testing.Telegram;

/// <summary>
/// A local stand-in for the Telegram Bot API: speaks its documented protocol (<c>POST /bot{token}/{method}</c>, JSON
/// in, <c>{"ok":true,"result":...}</c> or <c>{"ok":false,"error_code":...,"parameters":{"retry_after":...}}</c> out),
/// records every call, can be told to fail the next calls of a method, and serves queued updates to getUpdates.
/// The real Telegram.Bot client talks to it.
/// </summary>
public sealed class TelegramBotApiStandIn : PlatformStandIn<BotApiCall>
{
    private readonly ConcurrentQueue<JsonObject> _updates = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HeldCall>> _holds = new();
    private readonly Dictionary<string, (long Id, string Username)> _bots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Path, byte[] Bytes)> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _uploads = new(StringComparer.Ordinal);
    private int _nextMessageId = 1000;

    private TelegramBotApiStandIn()
    {
    }

    /// <summary>Starts on <paramref name="port"/> of the loopback interface (0: a free one); give <see cref="PlatformStandIn{TCall}.BaseUrl"/> to Telegram.Bot (<c>TelegramBotClientOptions.BaseUrl</c>).</summary>
    public static async Task<TelegramBotApiStandIn> StartAsync(int port = 0)
    {
        var standIn = new TelegramBotApiStandIn();
        await standIn.StartServerAsync(port);
        return standIn;
    }

    /// <inheritdoc />
    // Not the route template "/bot{token}/{method}": ASP.NET matches a segment's literal from the right, so a token that
    // itself contains "bot" (real tokens can) would not match. The segment is split here the way Telegram reads it.
    protected override void MapApi(WebApplication app)
    {
        app.MapPost("/{segment}/{method}", (string segment, string method, HttpRequest request) =>
            segment.StartsWith("bot", StringComparison.Ordinal)
                ? HandleAsync(segment["bot".Length..], method, request)
                : Task.FromResult<IResult>(Results.NotFound()));
        // Downloads: https://api.telegram.org/file/bot<token>/<file_path> (core.telegram.org/bots/api#getfile).
        app.MapGet("/file/{segment}/{**path}", (string segment, string path) =>
        {
            lock (_bots)
            {
                if (!segment.StartsWith("bot", StringComparison.Ordinal) || !_bots.ContainsKey(segment["bot".Length..]))
                {
                    return Results.NotFound();
                }
            }

            var file = _files.Values.FirstOrDefault(f => f.Path == path);
            return file.Bytes is null ? Results.NotFound() : Results.Bytes(file.Bytes, "application/octet-stream");
        });
    }

    /// <summary>A file a customer sent: getFile answers <paramref name="fileId"/> with a path, and the path serves <paramref name="bytes"/>.</summary>
    public void AddFile(string fileId, byte[] bytes, string filePath) => _files[fileId] = (filePath, bytes);

    /// <summary>
    /// The bytes of a file uploaded (multipart) in a call for <paramref name="field"/>: the part named so, or the part a
    /// field value <c>attach://&lt;name&gt;</c> points to (core.telegram.org/bots/api#inputfile).
    /// </summary>
    public byte[]? Upload(BotApiCall call, string field)
    {
        var value = call.Field(field);
        if (value is not null && value.StartsWith("attach://", StringComparison.Ordinal))
        {
            value = call.Field(value["attach://".Length..]);
        }

        return value is not null && _uploads.TryGetValue(value, out var bytes) ? bytes : null;
    }

    /// <summary>The file name of the upload for <paramref name="field"/> (as <see cref="Upload"/> finds it).</summary>
    public string? UploadName(BotApiCall call, string field)
    {
        var value = call.Field(field);
        var part = value is not null && value.StartsWith("attach://", StringComparison.Ordinal) ? value["attach://".Length..] : field;
        return call.Field(part + ":filename");
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
        PlanFailure(chatId is null ? method : $"{method}:{chatId}", status, Error(status, description, retryAfter).Item2, times);
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
    public IReadOnlyList<BotApiCall> Succeeded(string method) => [.. Calls.Where(c => c.Method == method && c.Answered == 200)];

    /// <summary>All calls of a method.</summary>
    public IReadOnlyList<BotApiCall> CallsOf(string method) => [.. Calls.Where(c => c.Method == method)];

    private async Task<IResult> HandleAsync(string token, string method, HttpRequest request)
    {
        JsonObject body;
        if (request.HasFormContentType)
        {
            // multipart/form-data: how files are uploaded (core.telegram.org/bots/api#sending-files). Fields become the
            // body; a file part is kept by a key the body refers to, so a test reads the bytes back with Upload.
            var form = await request.ReadFormAsync();
            body = [];
            foreach (var field in form)
            {
                body[field.Key] = field.Value.ToString();
            }

            foreach (var file in form.Files)
            {
                using var bytes = new MemoryStream();
                await file.CopyToAsync(bytes);
                var key = $"upload:{Guid.NewGuid():N}";
                _uploads[key] = bytes.ToArray();
                body[file.Name] = key;
                body[file.Name + ":filename"] = file.FileName;
            }
        }
        else
        {
            try
            {
                var bytes = await ReadBodyAsync(request);
                body = bytes.Length > 0 ? JsonNode.Parse(bytes)?.AsObject() ?? [] : [];
            }
            catch (JsonException)
            {
                body = [];
            }
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

        if (TryTakeFailure(out var failure, chatKey, method))
        {
            return Record(token, method, body, (failure.Status, failure.Error.DeepClone().AsObject()));
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
            "sendMessage" or "sendPhoto" or "sendDocument" => Record(token, method, body, Ok(SentMessage(body))),
            "getFile" => Record(token, method, body, GetFile(body)),
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

    /// <summary>getFile: a File object (core.telegram.org/bots/api#file); files over 20 MB are refused as Telegram does.</summary>
    private (int, JsonObject) GetFile(JsonObject body)
    {
        var fileId = body["file_id"]?.ToString();
        if (fileId is null || !_files.TryGetValue(fileId, out var file))
        {
            return Error(400, "Bad Request: invalid file_id");
        }

        if (file.Bytes.Length > 20 * 1024 * 1024)
        {
            return Error(400, "Bad Request: file is too big");
        }

        return Ok(new JsonObject
        {
            ["file_id"] = fileId,
            ["file_unique_id"] = "u" + fileId.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            ["file_size"] = file.Bytes.Length,
            ["file_path"] = file.Path,
        });
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
        Record(new BotApiCall(token, method, body, answer.Status, System.Diagnostics.Stopwatch.GetTimestamp()));
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
}
