using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Testing.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.Testing.Vk;

/// <summary>
/// A local stand-in for the VK API, written from dev.vk.com and VK's published JSON schema (vk-api-schema, v5.199):
/// <c>POST /method/{name}</c> with form parameters, <c>{"response":...}</c> or the documented error object
/// <c>{"error":{"error_code":...,"error_msg":...}}</c> with HTTP 200. It knows communities by token, enforces what the
/// docs state (the <c>v</c> parameter; messages.send's required <c>random_id</c>, 9000-character text, inline keyboards of
/// at most 10 keys in 6 rows of 5 with labels up to 40 and payloads up to 255 characters → error 911; the customer's
/// permission → 901), and keeps <c>random_id</c> unique per community over its whole history like VK: a repeated
/// random_id returns the first message's id and shows the customer nothing new. Message photos go by the upload flow
/// (photos.getMessagesUploadServer → a multipart post of <c>photo</c> to the upload URL → photos.saveMessagesPhoto with
/// its server, photo and hash → an attachment messages.send checks), documents likewise (docs.getMessagesUploadServer
/// with type doc → a multipart post of <c>file</c>, refused over 200 MB or for mp3 and executables → docs.save). It sends Callback API notifications
/// with the server's secret in the body and repeats them with <c>X-Retry-Counter</c>.
/// </summary>
public sealed class VkApiStandIn : PlatformStandIn<VkApiCall>
{
    private readonly ConcurrentDictionary<string, (long GroupId, string Name)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<long, VkMessageSeen>> _sentByRandomId = new();
    private readonly ConcurrentQueue<VkMessageSeen> _seen = new();
    private readonly ConcurrentDictionary<(long Group, long User), bool> _denied = new();
    private readonly ConcurrentDictionary<long, List<JsonObject>> _servers = new();
    private readonly ConcurrentDictionary<string, int> _lostAnswers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, List<(long Ts, JsonObject Event)>> _longPoll = new();
    private readonly ConcurrentDictionary<long, int> _expireKeys = new();
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long GroupId, byte[] Bytes)> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _photos = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long GroupId, string FileName, byte[] Bytes)> _docUploads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Title, byte[] Bytes)> _docs = new(StringComparer.Ordinal);
    private long _nextMessageId = 5000;
    private long _nextEventId;

    private VkApiStandIn()
    {
    }

    /// <summary>The confirmation code groups.getCallbackConfirmationCode answers.</summary>
    public string ConfirmationCode { get; set; } = "a1b2c3d4";

    /// <summary>Starts on a free loopback port; give <see cref="PlatformStandIn{TCall}.BaseUrl"/> to the app as <c>Channels:Vk:ApiBaseUrl</c>.</summary>
    public static async Task<VkApiStandIn> StartAsync()
    {
        var standIn = new VkApiStandIn();
        await standIn.StartServerAsync(0);
        return standIn;
    }

    /// <summary>Makes <paramref name="token"/> the community token of <paramref name="groupId"/>.</summary>
    public void AddCommunity(string token, long groupId, string name) => _tokens[token] = (groupId, name);

    /// <summary>The customer <paramref name="userId"/> denies (or allows again) messages from the community (what message_deny/allow report).</summary>
    public void SetDenied(long groupId, long userId, bool denied) => _denied[(groupId, userId)] = denied;

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> (to <paramref name="peerId"/> only, when given) answer VK's error object.</summary>
    public void FailNext(string method, int errorCode, string errorMsg, int times = 1, long? peerId = null) =>
        PlanFailure(peerId is null ? method : $"{method}:{peerId}", 200, Error(errorCode, errorMsg), times);

    /// <summary>
    /// The next call of <paramref name="method"/> to <paramref name="peerId"/> is carried out, then its connection is
    /// dropped before the answer: VK did the work and the caller never heard (a crash or a cut line between the two).
    /// </summary>
    public void LoseNextAnswer(string method, long peerId) => _lostAnswers.AddOrUpdate($"{method}:{peerId}", 1, (_, n) => n + 1);

    /// <summary>
    /// Queues an event for the community's Bots Long Poll server (dev.vk.com/api/bots-long-poll/getting-started): the
    /// same object the Callback API posts, without the secret, under the next ts.
    /// </summary>
    public void QueueLongPoll(long groupId, string type, JsonObject eventObject, string? eventId = null)
    {
        var list = _longPoll.GetOrAdd(groupId, _ => []);
        lock (list)
        {
            var ts = list.Count + 1L;
            list.Add((ts, JsonNode.Parse(Notification(groupId, type, eventObject, secret: null, eventId))!.AsObject()));
        }
    }

    /// <summary>Serves <paramref name="bytes"/> at <c>{BaseUrl}/files/{name}</c>, as VK's CDN serves photos and documents; returns the URL.</summary>
    public string ServeFile(string name, byte[] bytes, string contentType)
    {
        _files[name] = (bytes, contentType);
        return $"{BaseUrl}/files/{name}";
    }

    /// <summary>The next Long Poll request of <paramref name="groupId"/> answers <c>{"failed":2}</c>: the key expired.</summary>
    public void ExpireLongPollKey(long groupId) => _expireKeys.AddOrUpdate(groupId, 1, (_, n) => n + 1);

    /// <summary>Successful calls of a method.</summary>
    public IReadOnlyList<VkApiCall> Succeeded(string method) => [.. Calls.Where(c => c.Method == method && c.Succeeded)];

    /// <summary>All calls of a method.</summary>
    public IReadOnlyList<VkApiCall> CallsOf(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>What the customer <paramref name="peerId"/> sees from the community, in order.</summary>
    public IReadOnlyList<VkMessageSeen> SeenBy(long peerId) => [.. _seen.Where(m => m.PeerId == peerId)];

    /// <summary>The Callback servers added to <paramref name="groupId"/>.</summary>
    public IReadOnlyList<JsonObject> ServersOf(long groupId) => _servers.TryGetValue(groupId, out var list) ? [.. list] : [];

    /// <summary>
    /// A Callback API notification body as VK sends it (dev.vk.com/api/callback/getting-started; callback_base):
    /// type, group_id, event_id, v, object and the server's secret (none when <paramref name="secret"/> is null).
    /// </summary>
    public string Notification(long groupId, string type, JsonObject? eventObject, string? secret, string? eventId = null)
    {
        var body = new JsonObject
        {
            ["group_id"] = groupId,
            ["type"] = type,
            ["event_id"] = eventId ?? NewEventId(),
            ["v"] = "5.199",
        };
        if (eventObject is not null)
        {
            body["object"] = eventObject;
        }

        if (secret is not null)
        {
            body["secret"] = secret;
        }

        return body.ToJsonString();
    }

    /// <summary>A new event id in VK's form (a hex string).</summary>
    public string NewEventId() => Interlocked.Increment(ref _nextEventId).ToString("x40", CultureInfo.InvariantCulture);

    /// <summary>Posts a notification to the app's Callback endpoint for <paramref name="groupId"/>.</summary>
    public Task<HttpResponseMessage> NotifyAsync(HttpClient app, long groupId, string body) =>
        DeliverAsync(app, $"/webhooks/vk/{groupId}", Encoding.UTF8.GetBytes(body), new Dictionary<string, string>());

    /// <summary>Repeats <paramref name="delivery"/> byte for byte as VK does when it got no <c>ok</c>, with <c>X-Retry-Counter</c>.</summary>
    public Task<HttpResponseMessage> RetryAsync(HttpClient app, WebhookDelivery delivery, int retry) =>
        RedeliverAsync(app, delivery with
        {
            Headers = new Dictionary<string, string>(delivery.Headers) { ["X-Retry-Counter"] = retry.ToString(CultureInfo.InvariantCulture) },
        });

    /// <inheritdoc />
    protected override void MapApi(WebApplication app)
    {
        app.MapPost("/method/{method}", HandleAsync);
        app.MapGet("/lp/{groupId:long}", LongPollAsync);
        app.MapPost("/upload/{groupId:long}", UploadAsync);
        app.MapPost("/upload-doc/{groupId:long}", UploadDocAsync);
        app.MapGet("/files/{name}", (string name) => _files.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.ContentType) : Results.NotFound());
    }

    /// <summary>The bytes of the photo a message's attachment names (what the customer sees), or null.</summary>
    public byte[]? PhotoOf(string attachment) => _photos.GetValueOrDefault(attachment);

    /// <summary>The document a message's attachment names (its title and bytes, what the customer downloads), or null.</summary>
    public (string Title, byte[] Bytes)? DocOf(string attachment) => _docs.TryGetValue(attachment, out var doc) ? doc : null;

    /// <summary>Largest document VK takes (200 MB).</summary>
    public const long MaxDocBytes = 200L * 1024 * 1024;

    /// <summary>
    /// VK's upload server for message documents: the multipart field <c>file</c> → <c>{"file":"..."}</c>, the parameter
    /// of docs.save; a missing file, one over 200 MB or an mp3 or executable ("any format except mp3 and executable
    /// files") → <c>{"error":...}</c>, the upload server's error form.
    /// </summary>
    private async Task<IResult> UploadDocAsync(long groupId, HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return Results.Json(new JsonObject { ["error"] = "no_file", ["error_descr"] = "No file was posted" });
        }

        var form = await request.ReadFormAsync();
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return Results.Json(new JsonObject { ["error"] = "no_file", ["error_descr"] = "No file was posted in the field file" });
        }

        if (file.Length > MaxDocBytes)
        {
            return Results.Json(new JsonObject { ["error"] = "file_too_big", ["error_descr"] = "The file is larger than 200 MB" });
        }

        if (Path.GetExtension(file.FileName).TrimStart('.').ToLowerInvariant() is "mp3" or "exe" or "msi" or "bat" or "cmd" or "com" or "scr")
        {
            return Results.Json(new JsonObject { ["error"] = "file_type", ["error_descr"] = "mp3 and executable files cannot be uploaded as documents" });
        }

        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        var key = $"doc-upload-{Guid.NewGuid():N}";
        _docUploads[key] = (groupId, file.FileName, copy.ToArray());
        return Results.Json(new JsonObject { ["file"] = key });
    }

    private JsonObject SaveDoc(long groupId, Dictionary<string, string> form)
    {
        if (form.GetValueOrDefault("file") is not { } key || !_docUploads.TryRemove(key, out var upload) || upload.GroupId != groupId)
        {
            return Error(100, "One of the parameters specified was missing or invalid: file");
        }

        var id = Interlocked.Increment(ref _nextMessageId);
        var title = form.GetValueOrDefault("title") is { Length: > 0 } given ? given : upload.FileName;
        _docs[$"doc{-groupId}_{id}_d{id}"] = (title, upload.Bytes);
        return Ok(new JsonObject
        {
            ["type"] = "doc",
            ["doc"] = new JsonObject
            {
                ["id"] = id, ["owner_id"] = -groupId, ["title"] = title, ["size"] = upload.Bytes.Length,
                ["ext"] = Path.GetExtension(upload.FileName).TrimStart('.'), ["url"] = $"{BaseUrl}/doc/{id}", ["date"] = 1_795_000_000,
                ["type"] = 8, ["access_key"] = $"d{id}",
            },
        });
    }

    /// <summary>VK's upload server for message photos: the multipart field <c>photo</c> → <c>server</c>, <c>photo</c>, <c>hash</c>.</summary>
    private async Task<IResult> UploadAsync(long groupId, HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return Results.Json(new JsonObject { ["server"] = 1, ["photo"] = "[]", ["hash"] = "" });
        }

        var form = await request.ReadFormAsync();
        if (form.Files.GetFile("photo") is not { Length: > 0 } file || file.Length > 50L * 1024 * 1024)
        {
            return Results.Json(new JsonObject { ["server"] = 1, ["photo"] = "[]", ["hash"] = "" });
        }

        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        var hash = Guid.NewGuid().ToString("N");
        var photo = $"[{{\"photo\":\"{hash[..8]}\",\"sizes\":[]}}]";
        _uploads[hash] = (groupId, copy.ToArray());
        return Results.Json(new JsonObject { ["server"] = 839_123, ["photo"] = photo, ["hash"] = hash });
    }

    private JsonObject SavePhoto(long groupId, Dictionary<string, string> form)
    {
        if (form.GetValueOrDefault("hash") is not { } hash || !_uploads.TryRemove(hash, out var upload) || upload.GroupId != groupId
            || form.GetValueOrDefault("photo") is not { Length: > 2 } || form.GetValueOrDefault("server") != "839123")
        {
            return Error(100, "One of the parameters specified was missing or invalid: photo, server or hash");
        }

        var id = Interlocked.Increment(ref _nextMessageId);
        _photos[$"photo{-groupId}_{id}_k{id}"] = upload.Bytes;
        return Ok(new JsonArray(new JsonObject { ["id"] = id, ["owner_id"] = -groupId, ["access_key"] = $"k{id}", ["album_id"] = -3 }));
    }

    private async Task<IResult> LongPollAsync(long groupId, string? act, string? key, string? ts)
    {
        if (act != "a_check" || key != $"lp-key-{groupId}" || !long.TryParse(ts, NumberStyles.Integer, CultureInfo.InvariantCulture, out var from))
        {
            return Results.Json(new JsonObject { ["failed"] = 2 });
        }

        if (_expireKeys.TryGetValue(groupId, out var expire) && expire > 0 && _expireKeys.TryUpdate(groupId, expire - 1, expire))
        {
            return Results.Json(new JsonObject { ["failed"] = 2 });
        }

        // "wait", shortened: answer as soon as events are queued, or empty after a moment.
        var list = _longPoll.GetOrAdd(groupId, _ => []);
        for (var i = 0; i < 20; i++)
        {
            lock (list)
            {
                if (list.Count >= from)
                {
                    break;
                }
            }

            await Task.Delay(25);
        }

        lock (list)
        {
            var updates = new JsonArray([.. list.Where(e => e.Ts >= from).Select(e => (JsonNode)e.Event.DeepClone())]);
            return Results.Json(new JsonObject { ["ts"] = (list.Count + 1L).ToString(CultureInfo.InvariantCulture), ["updates"] = updates });
        }
    }

    private async Task HandleAsync(string method, HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        var form = ParseForm(Encoding.UTF8.GetString(body));
        form.Remove("access_token", out var token);
        var group = token is not null && _tokens.TryGetValue(token, out var community) ? community : default;
        var answer = Answer(method, form, group.GroupId, group.Name);
        Record(new VkApiCall(method, group.GroupId, form, answer));
        if (form.TryGetValue("peer_id", out var peer) && _lostAnswers.TryGetValue($"{method}:{peer}", out var lost) && lost > 0
            && _lostAnswers.TryUpdate($"{method}:{peer}", lost - 1, lost))
        {
            context.Abort();
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private JsonObject Answer(string method, Dictionary<string, string> form, long groupId, string? name)
    {
        if (groupId == 0)
        {
            return Error(5, "User authorization failed: invalid access_token (4).");
        }

        if (!form.ContainsKey("v"))
        {
            return Error(8, "Invalid request: v (version) is required or not supported");
        }

        if (TryTakeFailure(out var failure, form.TryGetValue("peer_id", out var peer) ? $"{method}:{peer}" : null, method))
        {
            return failure.Error.DeepClone().AsObject();
        }

        return method switch
        {
            "groups.getById" => Ok(new JsonObject
            {
                ["groups"] = new JsonArray(new JsonObject { ["id"] = groupId, ["name"] = name, ["screen_name"] = $"club{groupId}" }),
                ["profiles"] = new JsonArray(),
            }),
            "groups.getCallbackServers" => Ok(new JsonObject
            {
                ["count"] = ServersOf(groupId).Count,
                ["items"] = new JsonArray([.. ServersOf(groupId).Select(s => (JsonNode)s.DeepClone())]),
            }),
            "groups.addCallbackServer" => AddServer(groupId, form),
            "groups.editCallbackServer" or "groups.setCallbackSettings" or "groups.setLongPollSettings" => Ok(1),
            "groups.getLongPollServer" => Ok(new JsonObject
            {
                ["key"] = $"lp-key-{groupId}",
                ["server"] = $"{BaseUrl}/lp/{groupId}",
                ["ts"] = "1",
            }),
            "groups.getCallbackConfirmationCode" => Ok(new JsonObject { ["code"] = ConfirmationCode }),
            "photos.getMessagesUploadServer" => form.ContainsKey("peer_id")
                ? Ok(new JsonObject { ["upload_url"] = $"{BaseUrl}/upload/{groupId}", ["album_id"] = -3, ["group_id"] = groupId })
                : Error(100, "One of the parameters specified was missing or invalid: peer_id"),
            "photos.saveMessagesPhoto" => SavePhoto(groupId, form),
            "docs.getMessagesUploadServer" => form.ContainsKey("peer_id") && form.GetValueOrDefault("type", "doc") is "doc" or "audio_message" or "graffiti"
                ? Ok(new JsonObject { ["upload_url"] = $"{BaseUrl}/upload-doc/{groupId}" })
                : Error(100, "One of the parameters specified was missing or invalid: peer_id or type"),
            "docs.save" => SaveDoc(groupId, form),
            "messages.send" => Send(groupId, form),
            "messages.sendMessageEventAnswer" => form.ContainsKey("event_id") ? Ok(1) : Error(100, "One of the parameters specified was missing or invalid: event_id is undefined"),
            _ => Error(3, "Unknown method passed"),
        };
    }

    private JsonObject AddServer(long groupId, Dictionary<string, string> form)
    {
        if (form.GetValueOrDefault("title") is not { Length: > 0 and <= 14 } || form.GetValueOrDefault("secret_key") is { Length: > 50 })
        {
            return Error(100, "One of the parameters specified was missing or invalid: title or secret_key");
        }

        var list = _servers.GetOrAdd(groupId, _ => []);
        lock (list)
        {
            var id = list.Count + 1;
            list.Add(new JsonObject { ["id"] = id, ["url"] = form.GetValueOrDefault("url"), ["title"] = form["title"], ["status"] = "unconfigured" });
            return Ok(new JsonObject { ["server_id"] = id });
        }
    }

    private JsonObject Send(long groupId, Dictionary<string, string> form)
    {
        if (!long.TryParse(form.GetValueOrDefault("peer_id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var peerId))
        {
            return Error(100, "One of the parameters specified was missing or invalid: peer_id");
        }

        // Since 5.90 random_id is required (dev.vk.com/method/messages.send).
        if (!long.TryParse(form.GetValueOrDefault("random_id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var randomId))
        {
            return Error(100, "One of the parameters specified was missing or invalid: random_id is a required parameter");
        }

        var text = form.GetValueOrDefault("message") ?? "";
        var attachment = form.GetValueOrDefault("attachment");
        if (attachment is not null && !_photos.ContainsKey(attachment) && !_docs.ContainsKey(attachment))
        {
            return Error(100, "One of the parameters specified was missing or invalid: attachment");
        }

        if (text.Length == 0 && attachment is null)
        {
            return Error(100, "One of the parameters specified was missing or invalid: message is empty");
        }

        if (text.Length > 9000)
        {
            return Error(914, "Message is too long");
        }

        if (form.GetValueOrDefault("keyboard") is { } keyboard && KeyboardProblem(keyboard) is { } problem)
        {
            return Error(911, $"Keyboard format is invalid: {problem}");
        }

        if (_denied.GetValueOrDefault((groupId, peerId)))
        {
            return Error(901, "Can't send messages for users without permission");
        }

        var history = _sentByRandomId.GetOrAdd(groupId, _ => new());
        lock (history)
        {
            if (history.TryGetValue(randomId, out var earlier))
            {
                return Ok(earlier.MessageId); // the same random_id again: nothing new is delivered
            }

            var seen = new VkMessageSeen(Interlocked.Increment(ref _nextMessageId), peerId, randomId, text, form.GetValueOrDefault("keyboard"), attachment);
            history[randomId] = seen;
            _seen.Enqueue(seen);
            return Ok(seen.MessageId);
        }
    }

    /// <summary>What is wrong with a keyboard by dev.vk.com/api/bots/development/keyboard, or null.</summary>
    private static string? KeyboardProblem(string keyboard)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(keyboard)!.AsObject();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException)
        {
            return "not a JSON object";
        }

        var inline = root["inline"]?.GetValue<bool>() ?? false;
        var rows = root["buttons"]?.AsArray() ?? [];
        var keys = rows.Sum(r => r!.AsArray().Count);
        var (maxRows, maxKeys) = inline ? (6, 10) : (10, 40);
        if (rows.Count > maxRows || keys > maxKeys || rows.Any(r => r!.AsArray().Count > 5))
        {
            return $"{rows.Count} rows, {keys} keys";
        }

        foreach (var row in rows.Select(r => r!.AsArray()))
        {
            // Wide buttons (VK's SDKs, from the keyboard docs): location, VK Pay and app buttons take a row of their own,
            // a link button two of a row's five places.
            var types = row.Select(b => (string?)b!["action"]?["type"]).ToList();
            if (types.Count > 1 && types.Any(t => t is "location" or "vkpay" or "open_app"))
            {
                return "a location, vkpay or open_app button shares its row";
            }

            if (types.Sum(t => t == "open_link" ? 2 : 1) > 5)
            {
                return "a row wider than 5 places (an open_link button takes 2)";
            }
        }

        foreach (var action in rows.SelectMany(r => r!.AsArray()).Select(b => b!["action"]!.AsObject()))
        {
            if ((string?)action["label"] is { Length: > 40 })
            {
                return "label longer than 40";
            }

            if ((string?)action["payload"] is { } payload && (payload.Length > 255 || !IsJson(payload)))
            {
                return "payload longer than 255 or not JSON";
            }
        }

        return null;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((at < 0 ? pair : pair[..at]).Replace('+', ' '));
            form[key] = at < 0 ? "" : Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' '));
        }

        return form;
    }

    private static JsonObject Ok(JsonNode response) => new() { ["response"] = response };

    /// <summary>VK's error object (dev.vk.com/reference/errors).</summary>
    private static JsonObject Error(int code, string message) => new()
    {
        ["error"] = new JsonObject { ["error_code"] = code, ["error_msg"] = message, ["request_params"] = new JsonArray() },
    };
}
