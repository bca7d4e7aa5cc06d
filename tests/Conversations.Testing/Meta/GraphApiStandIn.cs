using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Channels.Webhooks;
using Conversations.Testing.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.Testing.Meta;

/// <summary>
/// A local stand-in for Meta's Graph API as the WhatsApp Cloud API uses it, written from Meta's public docs
/// (developers.facebook.com/documentation/business-messaging/whatsapp): <c>GET /{version}/{phone-number-id}</c>,
/// <c>POST /{version}/{phone-number-id}/messages</c> with the documented limits of text, reply buttons, lists and
/// cta_url messages, <c>GET /{version}/{media-id}</c> and the media download URL it hands out, every call checked for
/// its bearer token; errors answered with Graph error objects (<c>{"error":{"message","type","code","error_data":
/// {"messaging_product","details"},"fbtrace_id"}}</c>). It also builds webhook bodies shaped like Meta's (entries of
/// changes of messages and statuses) and signs them as Meta does: <c>X-Hub-Signature-256: sha256=</c> and the hex
/// HMAC-SHA256 of the exact bytes under the app secret.
/// </summary>
public sealed class GraphApiStandIn : PlatformStandIn<GraphCall>
{
    private readonly ConcurrentDictionary<string, (string Token, string Display, string Name, string Throughput)> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Token, string Name, bool Instagram)> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string MimeType, string Token)> _media = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string MimeType)> _attachments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Token, List<JsonObject> Templates)> _wabas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Account, string User), DateTimeOffset> _userWrote = new();
    private readonly ConcurrentQueue<GraphUpload> _uploads = new();
    private readonly Dictionary<string, GraphRateLimit> _throughput = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Number, string User), GraphRateLimit> _pairs = [];
    private int _nextId = 1000;

    /// <summary>Messages a second a business number may send (Cloud API throughput: 80 by default), one second's worth at once; beyond it 130429.</summary>
    public double ThroughputPerSecond { get; set; } = 80;

    /// <summary>The pair rate to one user: one message every 6 seconds after a burst of 45; beyond it 131056.</summary>
    public static readonly (double PerSecond, int Burst) PairRate = (1.0 / 6, 45);

    /// <summary>Standard messaging window of the Send API: 24 hours after the person's last message.</summary>
    public static readonly TimeSpan StandardWindow = TimeSpan.FromHours(24);

    /// <summary>The HUMAN_AGENT tag's window: 7 days after the person's last message.</summary>
    public static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);

    /// <summary>The stand-in's clock, against which the messaging windows of the Send API run out (real time by default).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    private GraphApiStandIn()
    {
    }

    /// <summary>Starts on a free loopback port; give <see cref="PlatformStandIn{TCall}.BaseUrl"/> as <c>Channels:Meta:GraphBaseUrl</c>.</summary>
    public static async Task<GraphApiStandIn> StartAsync()
    {
        var standIn = new GraphApiStandIn();
        await standIn.StartServerAsync(0);
        return standIn;
    }

    /// <summary>
    /// Makes <paramref name="phoneNumberId"/> a business number that <paramref name="token"/> may use, at throughput level
    /// <paramref name="throughputLevel"/> (the phone number's <c>throughput.level</c>: STANDARD, HIGH or NOT_APPLICABLE).
    /// </summary>
    public void AddPhoneNumber(string phoneNumberId, string token, string displayPhoneNumber, string verifiedName, string throughputLevel = "STANDARD") =>
        _numbers[phoneNumberId] = (token, displayPhoneNumber, verifiedName, throughputLevel);

    /// <summary>Makes <paramref name="id"/> a Facebook Page (or, with <paramref name="instagram"/>, an Instagram professional account) whose Page token is <paramref name="token"/>.</summary>
    public void AddPage(string id, string token, string name, bool instagram = false) => _pages[id] = (token, name, instagram);

    /// <summary>The next <paramref name="times"/> Send API calls with the token of <paramref name="id"/> fail with this Graph error.</summary>
    public void FailNextPageSend(string id, int status, int code, string message, int? subcode = null, int times = 1) =>
        PlanFailure($"send:page:{id}", status, Error(code, message, subcode), times);

    /// <summary>Accepted Send API calls of the Page or Instagram account <paramref name="id"/> to <paramref name="recipient"/>.</summary>
    public IReadOnlyList<GraphCall> PageSentTo(string id, string recipient) =>
        [.. Calls.Where(c => c.Method == "POST" && c.Path == $"me/messages#{id}" && c.Answered == 200 && c.Field("recipient.id") == recipient)];

    /// <summary>
    /// Adds a message template to WhatsApp Business Account <paramref name="wabaId"/> (readable with <paramref name="token"/>),
    /// shaped as the Message Templates API lists it: name, language, status, category, id and a BODY component with
    /// <paramref name="body"/> (developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management).
    /// </summary>
    public void AddTemplate(string wabaId, string token, string name, string language, string body, string status = "APPROVED", string category = "UTILITY")
    {
        var waba = _wabas.GetOrAdd(wabaId, _ => (token, []));
        lock (waba.Templates)
        {
            waba.Templates.RemoveAll(t => t["name"]!.ToString() == name && t["language"]!.ToString() == language);
            waba.Templates.Add(new JsonObject
            {
                ["name"] = name,
                ["parameter_format"] = "POSITIONAL",
                ["components"] = new JsonArray(new JsonObject { ["type"] = "BODY", ["text"] = body }),
                ["language"] = language,
                ["status"] = status,
                ["category"] = category,
                ["id"] = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture),
            });
        }
    }

    /// <summary>Deletes a template, as an admin would in WhatsApp Manager.</summary>
    public void RemoveTemplate(string wabaId, string name, string language)
    {
        if (_wabas.TryGetValue(wabaId, out var waba))
        {
            lock (waba.Templates)
            {
                waba.Templates.RemoveAll(t => t["name"]!.ToString() == name && t["language"]!.ToString() == language);
            }
        }
    }

    /// <summary>Keeps a file a customer sent under <paramref name="mediaId"/>, readable with <paramref name="token"/>.</summary>
    public void AddMedia(string mediaId, byte[] bytes, string mimeType, string token) => _media[mediaId] = (bytes, mimeType, token);

    /// <summary>
    /// Serves <paramref name="bytes"/> at <c>{BaseUrl}/cdn/{name}</c> without a token, as the CDN links in Messenger and
    /// Instagram attachments' <c>payload.url</c> are; returns the URL.
    /// </summary>
    public string ServeAttachment(string name, byte[] bytes, string mimeType)
    {
        _attachments[name] = (bytes, mimeType);
        return $"{BaseUrl}/cdn/{name}";
    }

    /// <summary>
    /// The next <paramref name="times"/> sends from <paramref name="phoneNumberId"/> fail with HTTP <paramref name="status"/> and
    /// the Graph error object of <paramref name="code"/> (and <paramref name="subcode"/>).
    /// </summary>
    public void FailNextSend(string phoneNumberId, int status, int code, string message, int? subcode = null, string? details = null, int times = 1) =>
        PlanFailure($"send:{phoneNumberId}", status, Error(code, message, subcode, details), times);

    /// <summary>Accepted sends from <paramref name="phoneNumberId"/>.</summary>
    public IReadOnlyList<GraphCall> Sent(string phoneNumberId) =>
        [.. Calls.Where(c => c.Method == "POST" && c.Path == $"{phoneNumberId}/messages" && c.Answered == 200)];

    /// <summary>Accepted sends from <paramref name="phoneNumberId"/> to <paramref name="waId"/>.</summary>
    public IReadOnlyList<GraphCall> SentTo(string phoneNumberId, string waId) => [.. Sent(phoneNumberId).Where(c => c.Field("to") == waId)];

    /// <summary>The Graph error object of <paramref name="code"/>, as Meta documents it.</summary>
    public static JsonObject Error(int code, string message, int? subcode = null, string? details = null)
    {
        var error = new JsonObject
        {
            ["message"] = $"(#{code}) {message}",
            ["type"] = "OAuthException",
            ["code"] = code,
            ["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = details ?? message },
            ["fbtrace_id"] = "A" + Guid.NewGuid().ToString("N")[..20],
        };
        if (subcode is { } sub)
        {
            error["error_subcode"] = sub;
        }

        return new JsonObject { ["error"] = error };
    }

    /// <inheritdoc />
    protected override void MapApi(WebApplication app)
    {
        app.MapGet("/media-download/{mediaId}", (string mediaId, HttpRequest request) =>
        {
            if (!_media.TryGetValue(mediaId, out var media) || Bearer(request) != media.Token)
            {
                return Results.StatusCode(StatusCodes.Status404NotFound);
            }

            return Results.Bytes(media.Bytes, media.MimeType);
        });
        app.MapGet("/cdn/{name}", (string name) =>
            _attachments.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.MimeType) : Results.StatusCode(StatusCodes.Status404NotFound));
        app.MapGet("/{version}/{id}", (string version, string id, HttpRequest request) => Get(id, request));
        app.MapGet("/{version}/{wabaId}/message_templates", (string version, string wabaId, HttpRequest request) => Templates(wabaId, request));
        app.MapPost("/{version}/{id}/messages", (string version, string id, HttpRequest request) => SendAsync(id, request));
        app.MapPost("/{version}/{id}/media", (string version, string id, HttpRequest request) => UploadMediaAsync(id, request));
    }

    private IResult Get(string id, HttpRequest request)
    {
        var token = Bearer(request);
        if (_numbers.TryGetValue(id, out var number))
        {
            return token != number.Token
                ? Answer("GET", id, token, [], 401, Error(190, "Invalid OAuth access token - Cannot parse access token"))
                : Answer("GET", id, token, [], 200, Fields(request, new JsonObject
                {
                    ["verified_name"] = number.Name,
                    ["display_phone_number"] = number.Display,
                    ["throughput"] = new JsonObject { ["level"] = number.Throughput },
                    ["id"] = id,
                }));
        }

        if (_pages.TryGetValue(id, out var page))
        {
            return token != page.Token
                ? Answer("GET", id, token, [], 401, Error(190, "Invalid OAuth access token - Cannot parse access token"))
                : Answer("GET", id, token, [], 200, page.Instagram
                    ? new JsonObject { ["username"] = page.Name, ["id"] = id }
                    : new JsonObject { ["name"] = page.Name, ["id"] = id });
        }

        if (_media.TryGetValue(id, out var media))
        {
            return token != media.Token
                ? Answer("GET", id, token, [], 401, Error(190, "Invalid OAuth access token - Cannot parse access token"))
                : Answer("GET", id, token, [], 200, new JsonObject
                {
                    ["messaging_product"] = "whatsapp",
                    ["url"] = $"{BaseUrl}/media-download/{id}",
                    ["mime_type"] = media.MimeType,
                    ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(media.Bytes)),
                    ["file_size"] = media.Bytes.Length,
                    ["id"] = id,
                });
        }

        // Graph's answer for an id that does not exist or that the token may not see.
        return Answer("GET", id, token, [], 400, Error(100, "Unsupported get request. Object with ID does not exist, cannot be loaded due to missing permissions, or does not support this operation", 33));
    }

    /// <summary>
    /// <c>GET /{waba-id}/message_templates</c>: the account's templates, <c>limit</c> per page (default 25), with
    /// <c>paging.cursors.before/after</c> and a <c>paging.next</c> URL while more follow; <c>after</c> continues.
    /// </summary>
    private IResult Templates(string wabaId, HttpRequest request)
    {
        var token = Bearer(request);
        var path = $"{wabaId}/message_templates";
        if (!_wabas.TryGetValue(wabaId, out var waba) || token != waba.Token)
        {
            return Answer("GET", path, token, [], 400, Error(100, "Unsupported get request. Object with ID does not exist, cannot be loaded due to missing permissions, or does not support this operation", 33));
        }

        var limit = int.TryParse(request.Query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 25;
        var start = int.TryParse(request.Query["after"], CultureInfo.InvariantCulture, out var a) && a > 0 ? a : 0;
        List<JsonObject> page;
        int total;
        lock (waba.Templates)
        {
            total = waba.Templates.Count;
            page = [.. waba.Templates.Skip(start).Take(limit).Select(t => (JsonObject)t.DeepClone())];
        }

        var paging = new JsonObject
        {
            ["cursors"] = new JsonObject
            {
                ["before"] = start.ToString(CultureInfo.InvariantCulture),
                ["after"] = (start + page.Count).ToString(CultureInfo.InvariantCulture),
            },
        };
        if (start + page.Count < total)
        {
            paging["next"] = $"{BaseUrl}/v23.0/{wabaId}/message_templates?limit={limit}&after={start + page.Count}";
        }

        return Answer("GET", path, token, [], 200, new JsonObject { ["data"] = new JsonArray([.. page]), ["paging"] = paging });
    }

    /// <summary>
    /// What the Cloud API refuses in a template message: a name and language no account holds (132001), one that is
    /// not approved (132015 paused, 132016 disabled, else 132001), or a count of body parameters other than the body's
    /// placeholders (132000) (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes).
    /// </summary>
    private (int Code, string Message)? TemplateProblem(JsonObject body)
    {
        var name = body["template"]?["name"]?.ToString();
        var language = body["template"]?["language"]?["code"]?.ToString();
        var template = _wabas.Values.SelectMany(w => { lock (w.Templates) { return w.Templates.ToList(); } })
            .FirstOrDefault(t => t["name"]!.ToString() == name && t["language"]!.ToString() == language);
        if (template is null || template["status"]!.ToString() is not "APPROVED")
        {
            return template?["status"]?.ToString() switch
            {
                "PAUSED" => (132015, "Template is paused"),
                "DISABLED" => (132016, "Template is disabled"),
                _ => (132001, "Template name does not exist in the translation"),
            };
        }

        var text = template["components"]![0]!["text"]!.ToString();
        var placeholders = System.Text.RegularExpressions.Regex.Matches(text, @"\{\{\s*([A-Za-z0-9_]+)\s*\}\}").Select(m => m.Groups[1].Value).Distinct().Count();
        var given = (body["template"]?["components"] as JsonArray ?? []).Where(c => c?["type"]?.ToString() == "body")
            .Sum(c => (c!["parameters"] as JsonArray ?? []).Count(p => p?["type"]?.ToString() == "text" && p["text"]?.ToString() is { Length: > 0 }));
        return given == placeholders ? null : (132000, "Number of parameters does not match the expected number of params");
    }

    /// <summary>Files uploaded so far: WhatsApp media uploads and Send API <c>filedata</c> parts, byte for byte.</summary>
    public IReadOnlyList<GraphUpload> Uploads => [.. _uploads];

    private async Task<IResult> SendAsync(string phoneNumberId, HttpRequest request)
    {
        var token = Bearer(request);
        if (phoneNumberId == "me" && request.HasFormContentType)
        {
            return await PageUploadAsync(token, request);
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(await ReadBodyAsync(request)) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            body = [];
        }

        if (phoneNumberId == "me")
        {
            return PageSend(token, body);
        }

        var path = $"{phoneNumberId}/messages";
        if (!_numbers.TryGetValue(phoneNumberId, out var number) || token != number.Token)
        {
            return Answer("POST", path, token, body, 401, Error(190, "Invalid OAuth access token - Cannot parse access token"));
        }

        if (TryTakeFailure(out var failure, $"send:{phoneNumberId}"))
        {
            return Answer("POST", path, token, body, failure.Status, (JsonObject)failure.Error.DeepClone());
        }

        if (Problem(body) is { } problem)
        {
            return Answer("POST", path, token, body, 400, Error(131009, "Parameter value is not valid", details: problem));
        }

        if (body["type"]?.ToString() == "template" && TemplateProblem(body) is { } templateProblem)
        {
            return Answer("POST", path, token, body, 400, Error(templateProblem.Code, templateProblem.Message));
        }

        var to = body["to"]!.ToString();
        if (OverLimit(phoneNumberId, to) is { } limit)
        {
            return Answer("POST", path, token, body, 400, Error(limit.Code, limit.Message));
        }

        return Answer("POST", path, token, body, 200, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = $"wamid.{Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture)}" }),
        });
    }

    /// <summary>
    /// WhatsApp's media upload (<c>POST /{phone-number-id}/media</c>, developers.facebook.com/docs/whatsapp/cloud-api/reference/media):
    /// multipart with <c>messaging_product=whatsapp</c>, the <c>file</c> and its <c>type</c>; the supported types and sizes
    /// (JPEG/PNG images up to 5 MB, text/PDF/Office documents up to 100 MB); answers <c>{"id"}</c>, a media id that
    /// messages may then send and <c>GET /{media-id}</c> describes.
    /// </summary>
    private async Task<IResult> UploadMediaAsync(string phoneNumberId, HttpRequest request)
    {
        var token = Bearer(request);
        var path = $"{phoneNumberId}/media";
        if (!request.HasFormContentType)
        {
            return Answer("POST", path, token, [], 400, Error(100, "Invalid parameter", details: "the upload must be multipart/form-data"));
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var body = new JsonObject { ["messaging_product"] = form["messaging_product"].ToString(), ["type"] = form["type"].ToString() };
        if (!_numbers.TryGetValue(phoneNumberId, out var number) || token != number.Token)
        {
            return Answer("POST", path, token, body, 401, Error(190, "Invalid OAuth access token - Cannot parse access token"));
        }

        var file = form.Files.GetFile("file");
        var type = form["type"].ToString();
        var problem = form["messaging_product"] != "whatsapp" ? "The parameter messaging_product is required and must be whatsapp."
            : file is null ? "The parameter file is required."
            : type.Length == 0 ? "The parameter type is required."
            : file.ContentType != type ? $"The file part's Content-Type {file.ContentType} is not the type {type}."
            : null;
        if (problem is not null)
        {
            return Answer("POST", path, token, body, 400, Error(100, problem));
        }

        var limit = type is "image/jpeg" or "image/png" ? 5L << 20
            : type is "text/plain" or "application/pdf" or "application/msword" or "application/vnd.ms-excel" or "application/vnd.ms-powerpoint"
                or "application/vnd.openxmlformats-officedocument.wordprocessingml.document" or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                or "application/vnd.openxmlformats-officedocument.presentationml.presentation" ? 100L << 20
            : 0;
        if (limit == 0 || file!.Length > limit)
        {
            // 131053: Media upload error (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
            return Answer("POST", path, token, body, 400, Error(131053, "Media upload error",
                details: limit == 0 ? $"Unsupported file type {type}." : $"The file is larger than {limit >> 20} MB."));
        }

        var bytes = await ReadAllAsync(file);
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture) + "0001";
        _media[id] = (bytes, type, token!);
        _uploads.Enqueue(new GraphUpload(phoneNumberId, id, "file", file.FileName, type, bytes, body));
        body["file"] = new JsonObject { ["filename"] = file.FileName, ["length"] = bytes.Length };
        return Answer("POST", path, token, body, 200, new JsonObject { ["id"] = id });
    }

    /// <summary>
    /// The Send API's upload-and-send: form data with <c>recipient</c>, <c>messaging_type</c>, <c>tag</c> and <c>message</c>
    /// as JSON strings, and the bytes in <c>filedata</c> (developers.facebook.com/docs/messenger-platform/send-messages/saving-assets).
    /// The attachment's type must be image, video, audio or file, its payload must not carry a URL as well, and the file is
    /// at most 25 MB; Instagram (developers.facebook.com/docs/messenger-platform/instagram/features/attachment-upload) takes
    /// PNG/JPEG/GIF images up to 8 MB and video, audio and PDF up to 25 MB.
    /// </summary>
    private async Task<IResult> PageUploadAsync(string? token, HttpRequest request)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var body = new JsonObject();
        foreach (var name in new[] { "recipient", "message" })
        {
            try
            {
                body[name] = JsonNode.Parse(form[name].ToString());
            }
            catch (JsonException)
            {
                body[name] = null;
            }
        }

        foreach (var name in new[] { "messaging_type", "tag" })
        {
            if (form[name].Count > 0)
            {
                body[name] = form[name].ToString();
            }
        }

        var page = _pages.FirstOrDefault(p => p.Value.Token == token);
        var file = form.Files.GetFile("filedata");
        var attachment = body["message"]?["attachment"];
        var type = attachment?["type"]?.ToString();
        var instagram = page.Key is not null && page.Value.Instagram;
        var limit = !instagram ? 25L << 20
            : type == "image" ? (file?.ContentType is "image/png" or "image/jpeg" or "image/gif" ? 8L << 20 : 0)
            : type == "file" ? (file?.ContentType == "application/pdf" ? 25L << 20 : 0)
            : 25L << 20;
        var problem = page.Key is null ? null
            : file is null ? "filedata is required with a multipart message"
            : type is not ("image" or "video" or "audio" or "file") ? "message.attachment.type must be image, video, audio or file"
            : attachment?["payload"]?["url"] is not null ? "an uploaded attachment's payload takes no url"
            : limit == 0 ? $"{file.ContentType} is not a supported {type} format"
            : file.Length > limit ? $"the attachment is larger than {limit >> 20} MB"
            : null;
        if (problem is not null)
        {
            return Answer("POST", $"me/messages#{page.Key}", token, body, 400, Error(100, "Invalid parameter", details: problem));
        }

        if (file is not null && page.Key is not null)
        {
            var bytes = await ReadAllAsync(file);
            body["filedata"] = new JsonObject { ["filename"] = file.FileName, ["content_type"] = file.ContentType, ["length"] = bytes.Length };
            var answer = PageSend(token, body);
            if (Calls.LastOrDefault(c => ReferenceEquals(c.Body, body)) is { Answered: 200 })
            {
                _uploads.Enqueue(new GraphUpload(page.Key, body["recipient"]?["id"]?.ToString() ?? "", type!, file.FileName, file.ContentType, bytes, body));
            }

            return answer;
        }

        return PageSend(token, body);
    }

    private static async Task<byte[]> ReadAllAsync(IFormFile file)
    {
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// The Cloud API's throughput (130429: the number sends faster than <see cref="ThroughputPerSecond"/>) and pair rate
    /// (131056: too many messages to one user, <see cref="PairRate"/>), on <see cref="Clock"/>; a message refused for throughput spends nothing of the pair rate.
    /// </summary>
    private (int Code, string Message)? OverLimit(string phoneNumberId, string to)
    {
        var now = Clock.GetUtcNow();
        lock (_throughput)
        {
            if (!_pairs.TryGetValue((phoneNumberId, to), out var pair))
            {
                _pairs[(phoneNumberId, to)] = pair = new GraphRateLimit(PairRate.PerSecond, PairRate.Burst, now);
            }

            if (!_throughput.TryGetValue(phoneNumberId, out var number))
            {
                _throughput[phoneNumberId] = number = new GraphRateLimit(ThroughputPerSecond, Math.Max(1, (int)ThroughputPerSecond), now);
            }

            if (!number.TryTake(now))
            {
                return (130429, "Rate limit hit");
            }

            return pair.TryTake(now) ? null : (131056, "(Business Account, Consumer Account) pair rate limit hit");
        }
    }

    /// <summary>The Send API (developers.facebook.com/docs/messenger-platform/reference/send-api) with a Page token.</summary>
    private IResult PageSend(string? token, JsonObject body)
    {
        var page = _pages.FirstOrDefault(p => p.Value.Token == token);
        if (page.Key is null)
        {
            return Answer("POST", "me/messages", token, body, 401, Error(190, "Invalid OAuth access token - Cannot parse access token"));
        }

        var path = $"me/messages#{page.Key}";
        if (TryTakeFailure(out var failure, $"send:page:{page.Key}"))
        {
            return Answer("POST", path, token, body, failure.Status, (JsonObject)failure.Error.DeepClone());
        }

        if (PageProblem(body, page.Value.Instagram) is { } problem)
        {
            return Answer("POST", path, token, body, 400, Error(100, "Invalid parameter", details: problem));
        }

        if (OutsideWindow(page.Key, body) is { } outside)
        {
            // Permission error 10 (developers.facebook.com/docs/messenger-platform/error-codes): subcode 2018278 on
            // Messenger, 2534022 on Instagram, "This message is sent outside of allowed window."
            return Answer("POST", path, token, body, 400, Error(10, outside, page.Value.Instagram ? 2534022 : 2018278));
        }

        return Answer("POST", path, token, body, 200, new JsonObject
        {
            ["recipient_id"] = body["recipient"]!["id"]!.ToString(),
            ["message_id"] = $"m_{Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture)}",
        });
    }

    /// <summary>
    /// Why a send to a person who wrote through <see cref="DeliverPlatformWebhookAsync"/> is outside its window, or null:
    /// <c>RESPONSE</c> (and <c>UPDATE</c>) more than 24 hours after their last message, <c>MESSAGE_TAG</c>
    /// <c>HUMAN_AGENT</c> more than 7 days after it; the other tags are not bound to a window. People the stand-in never
    /// saw write are not checked.
    /// </summary>
    private string? OutsideWindow(string account, JsonObject body)
    {
        if (body["recipient"]?["id"]?.ToString() is not { } user || !_userWrote.TryGetValue((account, user), out var wrote))
        {
            return null;
        }

        var type = body["messaging_type"]?.ToString();
        var tag = body["tag"]?.ToString();
        if (type == "MESSAGE_TAG" && tag != "HUMAN_AGENT")
        {
            return null; // the purpose tags (a confirmed event, a purchase, an account update) have no window
        }

        var window = type == "MESSAGE_TAG" ? HumanAgentWindow : StandardWindow;
        return Clock.GetUtcNow() - wrote > window ? "This message is sent outside of allowed window." : null;
    }

    /// <summary>
    /// What the Send API refuses: no recipient; text of 2000 characters or more (Instagram: over 1000 UTF-8 bytes); more than
    /// 13 quick replies or a title over 20 characters; a message with neither text nor attachment.
    /// </summary>
    private static string? PageProblem(JsonObject body, bool instagram)
    {
        if (body["recipient"]?["id"] is null)
        {
            return "recipient.id is required";
        }

        var message = body["message"] as JsonObject;
        var text = message?["text"]?.ToString();
        if (text is null && message?["attachment"] is null)
        {
            return "message.text or message.attachment is required";
        }

        if (text is not null && (instagram ? Encoding.UTF8.GetByteCount(text) > 1000 : text.Length >= 2000))
        {
            return instagram ? "message.text is longer than 1000 bytes" : "message.text must be less than 2000 characters";
        }

        if (body["messaging_type"]?.ToString() is not ("RESPONSE" or "UPDATE" or "MESSAGE_TAG"))
        {
            return "messaging_type must be RESPONSE, UPDATE or MESSAGE_TAG";
        }

        if (body["messaging_type"]?.ToString() == "MESSAGE_TAG" && body["tag"]?.ToString() is not ("HUMAN_AGENT" or "ACCOUNT_UPDATE" or "CONFIRMED_EVENT_UPDATE" or "POST_PURCHASE_UPDATE"))
        {
            return "a MESSAGE_TAG message needs a tag (HUMAN_AGENT, ACCOUNT_UPDATE, CONFIRMED_EVENT_UPDATE or POST_PURCHASE_UPDATE)";
        }

        var replies = message?["quick_replies"] as JsonArray ?? [];
        return replies.Count > 13 ? "at most 13 quick_replies"
            : replies.Any(r => r?["title"]?.ToString() is not { Length: > 0 and <= 20 }) ? "quick reply titles are 1 to 20 characters"
            : null;
    }

    /// <summary>What the Cloud API would refuse in <paramref name="body"/> (the documented limits of each message type), or null.</summary>
    private static string? Problem(JsonObject body)
    {
        if (body["messaging_product"]?.ToString() != "whatsapp")
        {
            return "messaging_product must be whatsapp";
        }

        if (body["to"] is null)
        {
            return "to is required";
        }

        if (body["biz_opaque_callback_data"]?.ToString() is { Length: > 512 })
        {
            return "biz_opaque_callback_data is longer than 512 characters";
        }

        switch (body["type"]?.ToString())
        {
            case "text":
                var text = body["text"]?["body"]?.ToString();
                return text is null or { Length: 0 } ? "text.body is required" : text.Length > 4096 ? "text.body is longer than 4096 characters" : null;
            case "image":
                var caption = body["image"]?["caption"]?.ToString();
                return body["image"]?["link"] is null && body["image"]?["id"] is null ? "image.link or image.id is required"
                    : caption is { Length: > 1024 } ? "image.caption is longer than 1024 characters" : null;
            case "document":
                var document = body["document"];
                return document?["link"] is null && document?["id"] is null ? "document.link or document.id is required"
                    : document?["caption"]?.ToString() is { Length: > 1024 } ? "document.caption is longer than 1024 characters" : null;
            case "interactive":
                return InteractiveProblem(body["interactive"] as JsonObject);
            case "template":
                return body["template"]?["name"] is null || body["template"]?["language"]?["code"] is null ? "template.name and template.language.code are required" : null;
            default:
                return $"type {body["type"]} is not supported here";
        }
    }

    private static string? InteractiveProblem(JsonObject? interactive)
    {
        var bodyText = interactive?["body"]?["text"]?.ToString();
        switch (interactive?["type"]?.ToString())
        {
            case "button":
                var buttons = interactive["action"]?["buttons"] as JsonArray ?? [];
                if (bodyText is null or { Length: 0 or > 1024 })
                {
                    return "interactive.body.text is required, at most 1024 characters";
                }

                if (buttons.Count is 0 or > 3)
                {
                    return "interactive.action.buttons must hold 1 to 3 buttons";
                }

                return buttons.Any(b => b?["reply"]?["title"]?.ToString() is not { Length: > 0 and <= 20 } || b?["reply"]?["id"]?.ToString() is not { Length: > 0 and <= 256 })
                    ? "button titles are 1 to 20 characters, ids 1 to 256"
                    : buttons.Select(b => b?["reply"]?["id"]?.ToString()).Distinct().Count() != buttons.Count ? "button ids must be unique" : null;
            case "list":
                var sections = interactive["action"]?["sections"] as JsonArray ?? [];
                var rows = sections.SelectMany(s => s?["rows"] as JsonArray ?? []).ToList();
                if (bodyText is null or { Length: 0 or > 4096 })
                {
                    return "interactive.body.text is required, at most 4096 characters";
                }

                if (interactive["action"]?["button"]?.ToString() is not { Length: > 0 and <= 20 })
                {
                    return "interactive.action.button is 1 to 20 characters";
                }

                if (rows.Count is 0 or > 10)
                {
                    return "a list holds 1 to 10 rows";
                }

                return rows.Any(r => r?["title"]?.ToString() is not { Length: > 0 and <= 24 } || r?["id"]?.ToString() is not { Length: > 0 and <= 200 }
                        || r?["description"]?.ToString() is { Length: > 72 })
                    ? "row titles are 1 to 24 characters, ids 1 to 200, descriptions at most 72"
                    : null;
            case "cta_url":
                var parameters = interactive["action"]?["parameters"];
                return bodyText is null or { Length: 0 or > 1024 } ? "interactive.body.text is required, at most 1024 characters"
                    : parameters?["display_text"]?.ToString() is not { Length: > 0 and <= 20 } ? "display_text is 1 to 20 characters"
                    : parameters["url"] is null ? "url is required" : null;
            default:
                return "interactive.type is not supported";
        }
    }

    private IResult Answer(string method, string path, string? token, JsonObject body, int status, JsonObject answer)
    {
        Record(new GraphCall(method, path, token, body, status));
        return Results.Json(answer, statusCode: status);
    }

    /// <summary>As Graph answers a node: only the fields <c>?fields=</c> asks for, and its id (all of them without the parameter).</summary>
    private static JsonObject Fields(HttpRequest request, JsonObject node)
    {
        if (request.Query["fields"].ToString() is not { Length: > 0 } fields)
        {
            return node;
        }

        var asked = fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Append("id").ToHashSet(StringComparer.Ordinal);
        foreach (var name in node.Select(p => p.Key).Where(name => !asked.Contains(name)).ToList())
        {
            node.Remove(name);
        }

        return node;
    }

    private static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;

    // ---- webhooks, shaped like Meta's (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages)

    /// <summary>A messages webhook body: one entry per WABA, each with its changes.</summary>
    public static byte[] Notification(params JsonObject[] entries) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray([.. entries]),
    }.ToJsonString());

    /// <summary>An entry of WABA <paramref name="wabaId"/> holding <paramref name="changes"/>.</summary>
    public static JsonObject Entry(string wabaId, params JsonObject[] changes) => new()
    {
        ["id"] = wabaId,
        ["changes"] = new JsonArray([.. changes]),
    };

    /// <summary>A messages change received by <paramref name="phoneNumberId"/>: the senders' profiles, messages and statuses.</summary>
    public static JsonObject Change(string phoneNumberId, IEnumerable<JsonObject>? messages = null, IEnumerable<JsonObject>? statuses = null,
        IEnumerable<(string WaId, string Name)>? contacts = null)
    {
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = "15550000000", ["phone_number_id"] = phoneNumberId },
        };
        var senders = contacts?.ToList() ?? [.. (messages ?? []).Select(m => (m["from"]!.ToString(), "Customer " + m["from"]))];
        if (senders.Count > 0)
        {
            value["contacts"] = new JsonArray([.. senders.DistinctBy(c => c.Item1).Select(c => (JsonNode)new JsonObject
            {
                ["profile"] = new JsonObject { ["name"] = c.Item2 },
                ["wa_id"] = c.Item1,
            })]);
        }

        if (messages is not null)
        {
            value["messages"] = new JsonArray([.. messages]);
        }

        if (statuses is not null)
        {
            value["statuses"] = new JsonArray([.. statuses]);
        }

        return new JsonObject { ["value"] = value, ["field"] = "messages" };
    }

    /// <summary>A message from <paramref name="from"/> of <paramref name="type"/>, carrying <paramref name="payload"/> under that type's key.</summary>
    public static JsonObject Message(string from, string id, string type, JsonNode? payload, long timestamp = 1_790_000_000) => new()
    {
        ["from"] = from,
        ["id"] = id,
        ["timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
        ["type"] = type,
        [type] = payload,
    };

    /// <summary>A text message.</summary>
    public static JsonObject Text(string from, string id, string text, long timestamp = 1_790_000_000) =>
        Message(from, id, "text", new JsonObject { ["body"] = text }, timestamp);

    /// <summary>A status of our message <paramref name="wamid"/>; a failed one with <paramref name="errorCode"/>.</summary>
    public static JsonObject Status(string wamid, string recipient, string status, string? ourMessageId = null, int? errorCode = null, string? errorTitle = null)
    {
        var json = new JsonObject
        {
            ["id"] = wamid,
            ["status"] = status,
            ["timestamp"] = "1790000100",
            ["recipient_id"] = recipient,
        };
        if (ourMessageId is not null)
        {
            json["biz_opaque_callback_data"] = ourMessageId;
        }

        if (errorCode is { } code)
        {
            json["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = code,
                ["title"] = errorTitle ?? "error",
                ["message"] = errorTitle ?? "error",
                ["error_data"] = new JsonObject { ["details"] = errorTitle ?? "error" },
            });
        }

        return json;
    }

    /// <summary>A Messenger Platform webhook body (<paramref name="obj"/>: "page" or "instagram") with one entry per account.</summary>
    public static byte[] PlatformNotification(string obj, params JsonObject[] entries) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["object"] = obj,
        ["entry"] = new JsonArray([.. entries]),
    }.ToJsonString());

    /// <summary>An entry of the Page or Instagram account <paramref name="accountId"/> holding messaging <paramref name="events"/>.</summary>
    public static JsonObject PlatformEntry(string accountId, params JsonObject[] events) => new()
    {
        ["id"] = accountId,
        ["time"] = 1_790_000_000_000,
        ["messaging"] = new JsonArray([.. events]),
    };

    /// <summary>
    /// A messaging event from <paramref name="sender"/> to <paramref name="recipient"/> with <paramref name="key"/>
    /// ("message", "postback"...) holding <paramref name="payload"/>, sent at <paramref name="at"/> (default: now).
    /// </summary>
    public static JsonObject PlatformEvent(string sender, string recipient, string key, JsonNode payload, DateTimeOffset? at = null) => new()
    {
        ["sender"] = new JsonObject { ["id"] = sender },
        ["recipient"] = new JsonObject { ["id"] = recipient },
        ["timestamp"] = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds(),
        [key] = payload,
    };

    /// <summary>
    /// Sends a signed body to the Messenger Platform webhook of <paramref name="appId"/> (unsigned when the secret is null).
    /// The people who wrote in it (messages and postbacks, not echoes) open their messaging windows at the event's time.
    /// </summary>
    public Task<HttpResponseMessage> DeliverPlatformWebhookAsync(HttpClient app, string appId, byte[] body, string? appSecret)
    {
        RecordUsersWriting(body);
        return DeliverAsync(app, $"/webhooks/messenger/{appId}", body, appSecret is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["X-Hub-Signature-256"] = HmacSignature.Sign(HmacAlgorithm.Sha256, appSecret, body, SignatureEncoding.Hex, "sha256=") });
    }

    private void RecordUsersWriting(byte[] body)
    {
        try
        {
            foreach (var entry in (JsonNode.Parse(body)?["entry"] as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var item in (entry["messaging"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var echo = item["message"] is JsonObject m && m["is_echo"]?.GetValueKind() == JsonValueKind.True;
                    if (!echo && (item["message"] is not null || item["postback"] is not null)
                        && entry["id"]?.ToString() is { } account && item["sender"]?["id"]?.ToString() is { } user
                        && item["timestamp"] is JsonValue stamp && stamp.TryGetValue<long>(out var ms))
                    {
                        var at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                        _userWrote.AddOrUpdate((account, user), at, (_, before) => at > before ? at : before);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // A deliberately broken body (the fuzzer's): nobody wrote.
        }
    }

    /// <summary>
    /// Sends <paramref name="body"/> to the app's webhook of <paramref name="appId"/> as Meta does, signed with
    /// <paramref name="appSecret"/> in <c>X-Hub-Signature-256</c> (no header at all when the secret is null).
    /// </summary>
    public Task<HttpResponseMessage> DeliverWebhookAsync(HttpClient app, string appId, byte[] body, string? appSecret) =>
        DeliverAsync(app, $"/webhooks/whatsapp/{appId}", body, appSecret is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["X-Hub-Signature-256"] = HmacSignature.Sign(HmacAlgorithm.Sha256, appSecret, body, SignatureEncoding.Hex, "sha256=") });
}
