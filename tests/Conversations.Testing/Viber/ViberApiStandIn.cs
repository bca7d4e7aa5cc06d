using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Channels.Webhooks;
using Conversations.Testing.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.Testing.Viber;

/// <summary>
/// A local stand-in for Viber's REST bot API, written from developers.viber.com/docs/api/rest-bot-api and
/// .../docs/tools/keyboards: <c>POST /{method}</c> with a JSON body and the bot's token in <c>X-Viber-Auth-Token</c>,
/// answered HTTP 200 with <c>status</c>/<c>status_message</c> (0 ok, 2 invalidAuthToken, 3 badData, 4 missingData,
/// 6 receiverNotSubscribed, 12 tooManyRequests...). It enforces what the docs state for send_message (receiver,
/// sender.name of at most 28 characters, text up to 7000 characters, picture description up to 120 and a media URL,
/// tracking_data up to 4096, pictures, videos and files by a URL it fetches and checks (extension, size, forbidden
/// formats: <see cref="FetchMediaWith"/>), keyboards of reply/open-url buttons on the 6-column grid, at most 12 of them), refuses
/// a customer who unsubscribed (6), and answers 12 beyond 100 messages to a customer who has not replied since
/// (Viber's documented cap is 100 an hour; the stand-in has no clock and counts since the customer's last message).
/// set_webhook checks the URL the way Viber does, with a signed <c>webhook</c> callback to the app (when one is given
/// with <see cref="CheckWebhooksWith"/>). Callbacks are signed with <c>X-Viber-Content-Signature</c>, the hex
/// HMAC-SHA256 of the body keyed by the bot's token, and can be redelivered byte for byte.
/// </summary>
public sealed class ViberApiStandIn : PlatformStandIn<ViberApiCall>
{
    /// <summary>Keyboard buttons one message may carry (issue 17's 12 rows, one button a row).</summary>
    public const int MaxKeyboardButtons = 12;

    /// <summary>Messages to a customer who has not replied before status 12.</summary>
    public const int MaxUnansweredMessages = 100;

    private readonly ConcurrentDictionary<string, (string Id, string Name)> _bots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _webhooks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Bot, string User), bool> _unsubscribed = new();
    private readonly ConcurrentDictionary<(string Bot, string User), int> _sinceReply = new();
    private readonly ConcurrentQueue<(string User, JsonObject Message)> _seen = new();
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _fetched = new(StringComparer.Ordinal);
    private HttpClient? _webhookTarget;
    private (HttpClient App, string PublicBaseUrl)? _mediaHost;
    private long _nextToken = 5_000_000_000_000_000_000;

    private ViberApiStandIn()
    {
    }

    /// <summary>Starts on a free loopback port; give <see cref="PlatformStandIn{TCall}.BaseUrl"/> to the app as <c>Channels:Viber:ApiBaseUrl</c>.</summary>
    public static async Task<ViberApiStandIn> StartAsync()
    {
        var standIn = new ViberApiStandIn();
        await standIn.StartServerAsync(0);
        return standIn;
    }

    /// <summary>Makes <paramref name="token"/> the token of bot <paramref name="id"/> named <paramref name="name"/>.</summary>
    public void AddBot(string token, string id, string name) => _bots[token] = (id, name);

    /// <summary>set_webhook checks the URL by posting the signed webhook callback through <paramref name="app"/> (to the URL's path).</summary>
    public void CheckWebhooksWith(HttpClient app) => _webhookTarget = app;

    /// <summary>
    /// Media URLs under <paramref name="publicBaseUrl"/> (the app's public address) are fetched through
    /// <paramref name="app"/>, by their path and query: the app's real endpoint answers, as it would to Viber.
    /// </summary>
    public void FetchMediaWith(HttpClient app, string publicBaseUrl) => _mediaHost = (app, publicBaseUrl.TrimEnd('/'));

    /// <summary>The bytes fetched from a media URL of a delivered picture, video or file (what the customer gets), or null.</summary>
    public byte[]? FetchedMedia(string url) => _fetched.GetValueOrDefault(url);

    /// <summary>The customer unsubscribes from (or subscribes again to) the bot.</summary>
    public void SetUnsubscribed(string botId, string userId, bool unsubscribed) => _unsubscribed[(botId, userId)] = unsubscribed;

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> (to <paramref name="receiver"/> only, when given) answer <paramref name="status"/>.</summary>
    public void FailNext(string method, int status, string statusMessage, int times = 1, string? receiver = null) =>
        PlanFailure(receiver is null ? method : $"{method}:{receiver}", 200, Status(status, statusMessage), times);

    /// <summary>Serves <paramref name="bytes"/> at <c>{BaseUrl}/files/{name}</c>, as Viber's media links do; returns the URL.</summary>
    public string ServeFile(string name, byte[] bytes, string contentType)
    {
        _files[name] = (bytes, contentType);
        return $"{BaseUrl}/files/{name}";
    }

    /// <summary>The webhook set for the bot <paramref name="botId"/> (set_webhook's body), or null.</summary>
    public JsonObject? WebhookOf(string botId) => _webhooks.GetValueOrDefault(botId);

    /// <summary>Successful calls of a method.</summary>
    public IReadOnlyList<ViberApiCall> Succeeded(string method) => [.. Calls.Where(c => c.Method == method && c.Succeeded)];

    /// <summary>All calls of a method.</summary>
    public IReadOnlyList<ViberApiCall> CallsOf(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>What the customer <paramref name="userId"/> was shown by send_message, in order.</summary>
    public IReadOnlyList<JsonObject> SeenBy(string userId) => [.. _seen.Where(m => m.User == userId).Select(m => m.Message)];

    /// <summary>A new message token (Viber's are 64-bit numbers).</summary>
    public long NewMessageToken() => Interlocked.Increment(ref _nextToken);

    /// <summary>
    /// A message callback from <paramref name="userId"/> ("Receive message from user"): event, timestamp, chat_hostname,
    /// message_token, sender and message. The customer has now replied, so the unanswered-message count restarts.
    /// </summary>
    public string MessageCallback(string botId, string userId, JsonObject message, long? messageToken = null)
    {
        _sinceReply[(botId, userId)] = 0;
        return new JsonObject
        {
            ["event"] = "message",
            ["timestamp"] = 1_795_000_000_000,
            ["chat_hostname"] = "SN-CHAT-05_",
            ["message_token"] = messageToken ?? NewMessageToken(),
            ["sender"] = new JsonObject
            {
                ["id"] = userId, ["name"] = "Ivan Petrov", ["avatar"] = "https://media-direct.cdn.viber.com/a.jpg", ["language"] = "ru", ["country"] = "RU", ["api_version"] = 10,
            },
            ["message"] = message,
            ["silent"] = false,
        }.ToJsonString();
    }

    /// <summary>A subscribed, unsubscribed, conversation_started, delivered, seen, failed or webhook callback.</summary>
    public string EventCallback(string @event, string? userId, long? messageToken = null, string? desc = null, string context = "from-site")
    {
        var body = new JsonObject { ["event"] = @event, ["timestamp"] = 1_795_000_000_000, ["chat_hostname"] = "SN-CHAT-05_", ["message_token"] = messageToken ?? NewMessageToken() };
        var user = new JsonObject { ["id"] = userId, ["name"] = "Ivan Petrov", ["language"] = "ru", ["country"] = "RU", ["api_version"] = 10 };
        switch (@event)
        {
            case "subscribed":
                body["user"] = user;
                break;
            case "conversation_started":
                body["type"] = "open";
                body["context"] = context;
                body["user"] = user;
                body["subscribed"] = false;
                break;
            case "unsubscribed" or "delivered" or "seen":
                body["user_id"] = userId;
                break;
            case "failed":
                body["user_id"] = userId;
                body["desc"] = desc ?? "failure description";
                break;
        }

        return body.ToJsonString();
    }

    /// <summary>Posts <paramref name="body"/> to the app's webhook of <paramref name="botId"/>, signed with <paramref name="token"/> (null: unsigned).</summary>
    public Task<HttpResponseMessage> CallbackAsync(HttpClient app, string botId, string body, string? token) =>
        DeliverAsync(app, $"/webhooks/viber/{botId}", Encoding.UTF8.GetBytes(body), Headers(token, Encoding.UTF8.GetBytes(body)));

    /// <summary>The signature header of <paramref name="body"/> under <paramref name="token"/> (none when null).</summary>
    public static IReadOnlyDictionary<string, string> Headers(string? token, byte[] body) => token is null
        ? new Dictionary<string, string>()
        : new Dictionary<string, string> { ["X-Viber-Content-Signature"] = HmacSignature.Sign(HmacAlgorithm.Sha256, token, body, SignatureEncoding.Hex) };

    /// <inheritdoc />
    protected override void MapApi(WebApplication app)
    {
        app.MapPost("/{method}", HandleAsync);
        app.MapGet("/files/{name}", (string name) => _files.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.ContentType) : Results.NotFound());
    }

    private async Task HandleAsync(string method, HttpContext context)
    {
        var raw = await ReadBodyAsync(context.Request);
        JsonObject body;
        try
        {
            body = raw.Length == 0 ? [] : JsonNode.Parse(raw) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            body = new JsonObject { ["__unparsable"] = true };
        }

        var token = context.Request.Headers["X-Viber-Auth-Token"].ToString();
        var bot = _bots.TryGetValue(token, out var found) ? found : default;
        var answer = await AnswerAsync(method, body, bot.Id, bot.Name, token);
        Record(new ViberApiCall(method, bot.Id ?? "", body, answer));
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private async Task<JsonObject> AnswerAsync(string method, JsonObject body, string? botId, string? name, string token)
    {
        if (botId is null)
        {
            return Status(2, "invalidAuthToken");
        }

        if (body.ContainsKey("__unparsable"))
        {
            return Status(3, "badData");
        }

        if (TryTakeFailure(out var failure, (string?)body["receiver"] is { } receiver ? $"{method}:{receiver}" : null, method))
        {
            return failure.Error.DeepClone().AsObject();
        }

        return method switch
        {
            "get_account_info" => Ok(new JsonObject
            {
                ["id"] = botId, ["name"] = name, ["uri"] = name?.ToLowerInvariant().Replace(' ', '-'), ["icon"] = "https://example.com/icon.jpg",
                ["category"] = "Shopping", ["country"] = "RU",
                ["webhook"] = (string?)WebhookOf(botId)?["url"], ["event_types"] = WebhookOf(botId)?["event_types"]?.DeepClone(), ["subscribers_count"] = 0,
            }),
            "set_webhook" => await SetWebhookAsync(botId, body, token),
            "send_message" => await SendAsync(botId, body),
            _ => Status(3, "badData"),
        };
    }

    private async Task<JsonObject> SetWebhookAsync(string botId, JsonObject body, string token)
    {
        if (!Uri.TryCreate((string?)body["url"], UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            return Status(1, "invalidUrl");
        }

        if (_webhookTarget is not null)
        {
            // Viber checks the new webhook at once with a "webhook" callback and refuses a URL that does not answer 200.
            var check = Encoding.UTF8.GetBytes(EventCallback("webhook", null));
            using var response = await DeliverAsync(_webhookTarget, url.PathAndQuery, check, Headers(token, check));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Status(1, "invalidUrl");
            }
        }

        _webhooks[botId] = body.DeepClone().AsObject();
        return Ok(new JsonObject { ["event_types"] = body["event_types"]?.DeepClone() ?? new JsonArray("delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started") });
    }

    private async Task<JsonObject> SendAsync(string botId, JsonObject body)
    {
        if ((string?)body["receiver"] is not { Length: > 0 } receiver || (string?)body["type"] is not { Length: > 0 } type)
        {
            return Status(4, "missingData");
        }

        if ((string?)body["sender"]?["name"] is not { Length: > 0 and <= 28 })
        {
            return Status(3, "badData");
        }

        if ((string?)body["tracking_data"] is { Length: > 4096 })
        {
            return Status(3, "badData");
        }

        var problem = type switch
        {
            "text" => (string?)body["text"] is { Length: > 0 and <= 7000 } ? null : "text",
            "picture" => (string?)body["media"] is { Length: > 0 } && (string?)body["text"] is { Length: <= 120 } ? null : "picture",
            "video" => (string?)body["media"] is { Length: > 0 } && body["size"] is not null ? null : "video",
            "file" => (string?)body["media"] is { Length: > 0 } && body["size"] is not null && (string?)body["file_name"] is { Length: > 0 } ? null : "file",
            "url" => (string?)body["media"] is { Length: > 0 and <= 2000 } ? null : "url",
            _ => "type",
        };
        if (problem is not null && type is "video" or "file")
        {
            return Status(4, "missingData");
        }

        if (problem is not null || (body["keyboard"] is { } keyboard && KeyboardProblem(keyboard) is not null))
        {
            return Status(3, "badData");
        }

        if (type is "picture" or "video" or "file" && await MediaProblemAsync(type, body) is not null)
        {
            return Status(3, "badData");
        }

        if (_unsubscribed.GetValueOrDefault((botId, receiver)))
        {
            return Status(6, "receiverNotSubscribed");
        }

        if (_sinceReply.AddOrUpdate((botId, receiver), 1, (_, n) => n + 1) > MaxUnansweredMessages)
        {
            return Status(12, "tooManyRequests");
        }

        _seen.Enqueue((receiver, body.DeepClone().AsObject()));
        return Ok(new JsonObject { ["message_token"] = NewMessageToken(), ["chat_hostname"] = "SN-CHAT-05_" });
    }

    /// <summary>
    /// What is wrong with a picture, video or file by the send_message reference (message data models), or null: the
    /// URL's last path segment ends with the type's extension (.jpeg/.jpg/.png/.gif; .mp4; any extension not among the
    /// forbidden file formats), the URL answers 200 with the bytes, a picture is at most 1 MB, a video at most 26 MB
    /// (27262976 bytes) and 180 seconds, a file at most 50 MB (52428800 bytes) with a file_name of at most 256
    /// characters with an extension, and <c>size</c> is the size fetched. The stand-in refuses with badData; what Viber
    /// does with a URL it cannot fetch is not stated.
    /// </summary>
    private async Task<string?> MediaProblemAsync(string type, JsonObject body)
    {
        if (!Uri.TryCreate((string?)body["media"], UriKind.Absolute, out var url))
        {
            return "media is not a URL";
        }

        var extension = Path.GetExtension(Uri.UnescapeDataString(url.Segments[^1])).TrimStart('.').ToLowerInvariant();
        var (extensionOk, maxBytes) = type switch
        {
            "picture" => (extension is "jpeg" or "jpg" or "png" or "gif", 1L * 1024 * 1024),
            "video" => (extension == "mp4", 27_262_976L),
            _ => (extension.Length > 0 && !ForbiddenFileExtensions.Contains(extension), 52_428_800L),
        };
        if (!extensionOk)
        {
            return $"the URL does not end with a {type} extension";
        }

        if (type == "file" && ((string?)body["file_name"] is not { Length: <= 256 } name || Path.GetExtension(name).Length < 2
            || ForbiddenFileExtensions.Contains(Path.GetExtension(name).TrimStart('.').ToLowerInvariant())))
        {
            return "file_name";
        }

        if (type == "video" && body["duration"] is { } duration && (int)duration > 180)
        {
            return "duration";
        }

        byte[] bytes;
        try
        {
            using var response = _mediaHost is { } host && url.AbsoluteUri.StartsWith(host.PublicBaseUrl + "/", StringComparison.Ordinal)
                ? await host.App.GetAsync(url.PathAndQuery)
                : await FetchClient.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"media answered {(int)response.StatusCode}";
            }

            bytes = await response.Content.ReadAsByteArrayAsync();
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }

        if (bytes.Length > maxBytes || (type is "video" or "file" && (long?)body["size"] != bytes.Length))
        {
            return "size";
        }

        _fetched[(string)body["media"]!] = bytes;
        return null;
    }

    private static readonly HttpClient FetchClient = new();

    /// <summary>The forbidden file formats of the send_message reference.</summary>
    private static readonly HashSet<string> ForbiddenFileExtensions =
    [
        "bat", "bin", "cmd", "com", "cpl", "exe", "gadget", "inf1", "ins", "inx", "isu", "job", "jse", "lnk", "msc", "msi", "msp", "mst",
        "paf", "pif", "ps1", "reg", "rgs", "sct", "shb", "shs", "u3p", "vb", "vbe", "vbs", "vbscript", "ws", "wsf",
        "action", "app", "command", "csh", "osx", "workflow", "ksh", "out", "run", "apk", "ipa",
    ];

    /// <summary>What is wrong with a keyboard by the keyboards docs (Buttons required; ActionType; Columns 1–6, Rows 1–2), or null.</summary>
    private static string? KeyboardProblem(JsonNode keyboard)
    {
        if (keyboard is not JsonObject root || (string?)root["Type"] != "keyboard" || root["Buttons"] is not JsonArray { Count: > 0 and <= MaxKeyboardButtons } buttons)
        {
            return "Type or Buttons";
        }

        foreach (var button in buttons)
        {
            if (button is not JsonObject b || (string?)b["ActionBody"] is not { Length: > 0 }
                || (string?)b["ActionType"] is not ("reply" or "open-url" or "location-picker" or "share-phone" or "none")
                || (int?)b["Columns"] is not (>= 1 and <= 6) || (int?)b["Rows"] is not (>= 1 and <= 2))
            {
                return "button";
            }
        }

        return null;
    }

    private static JsonObject Ok(JsonObject fields)
    {
        var answer = new JsonObject { ["status"] = 0, ["status_message"] = "ok" };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            answer[key] = value;
        }

        return answer;
    }

    /// <summary>Viber's answer with a non-zero status (developers.viber.com/docs/api/rest-bot-api/#error-codes).</summary>
    private static JsonObject Status(int status, string message) => new() { ["status"] = status, ["status_message"] = message };
}
