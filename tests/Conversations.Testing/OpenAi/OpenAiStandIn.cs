using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Testing.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conversations.Testing.OpenAi;

/// <summary>
/// A local stand-in for an OpenAI-compatible server, written from the public API reference: <c>POST /v1/embeddings</c>
/// (<c>model</c>, <c>input</c> as a string or an array of strings, <c>encoding_format</c> <c>float</c> or <c>base64</c>
/// of little-endian float32; answers the <c>list</c> of <c>embedding</c> objects with <c>usage</c>) and
/// <c>POST /v1/chat/completions</c> (<c>model</c>, <c>messages</c> of role and content; answers a <c>chat.completion</c>
/// with one choice, <c>finish_reason</c> <c>stop</c>, and <c>usage</c>). Errors are the documented object
/// <c>{"error":{"message","type","param","code"}}</c>: 401 <c>invalid_api_key</c> for a wrong bearer key, 400
/// <c>invalid_request_error</c> for a malformed body, and whatever a test plans (429, 500).
/// <para>Deterministic: an embedding is a hashed bag of the input's lower-case words (and their 5-letter beginnings),
/// normalised to length 1, so texts sharing words are close. A completion plays a model that follows the grounded-answer
/// prompt: it cites the FAQ entry of the system message sharing the most words with the last user message, or says the
/// "don't know" token the prompt names; for other prompts it answers a fixed sentence naming the number of messages.</para>
/// <para><see cref="Hold"/> keeps answers back until released, for time budgets tested without sleeping.</para>
/// </summary>
public sealed class OpenAiStandIn : PlatformStandIn<OpenAiCall>
{
    /// <summary>The dimensions of the stand-in's embeddings.</summary>
    public const int Dimensions = 256;

    private TaskCompletionSource? _held;

    private OpenAiStandIn(string apiKey) => ApiKey = apiKey;

    /// <summary>The bearer key the stand-in accepts.</summary>
    public string ApiKey { get; }

    /// <summary>What a completion answers to a prompt that is not a grounded-answer prompt (overridable per test).</summary>
    public string? FixedReply { get; set; }

    /// <summary>When set, every completion answers exactly this (a model that does not follow the prompt).</summary>
    public string? ScriptedReply { get; set; }

    /// <summary>Starts on a free loopback port; the base URL for clients is <c>{BaseUrl}/v1</c>.</summary>
    public static async Task<OpenAiStandIn> StartAsync(string apiKey = "sk-test-stand-in")
    {
        var standIn = new OpenAiStandIn(apiKey);
        await standIn.StartServerAsync(0);
        return standIn;
    }

    /// <summary>The endpoint to configure: the base URL with <c>/v1</c>.</summary>
    public Uri Endpoint => new(BaseUrl + "/v1");

    /// <summary>Answers wait until <see cref="Release"/> (a slow or hung server).</summary>
    public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets held answers go.</summary>
    public void Release() => Interlocked.Exchange(ref _held, null)?.TrySetResult();

    /// <summary>The next <paramref name="times"/> calls of <paramref name="path"/> fail with the documented error object.</summary>
    public void FailNext(string path, int status, string type, string code, string message, int times = 1) =>
        PlanFailure(path, status, Error(message, type, code), times);

    /// <summary>The stand-in's embedding of <paramref name="text"/> (what the endpoint answers).</summary>
    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in Words(text))
        {
            foreach (var feature in new[] { word, word.Length > 5 ? word[..5] : null })
            {
                if (feature is null)
                {
                    continue;
                }

                var hash = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(feature)), 0);
                vector[hash % Dimensions] += 1;
            }
        }

        var length = MathF.Sqrt(vector.Sum(v => v * v));
        return length == 0 ? vector : [.. vector.Select(v => v / length)];
    }

    /// <inheritdoc />
    protected override void MapApi(WebApplication app)
    {
        app.MapPost("/v1/embeddings", context => HandleAsync(context, "/v1/embeddings", Embeddings));
        app.MapPost("/v1/chat/completions", context => HandleAsync(context, "/v1/chat/completions", Completion));
    }

    private async Task HandleAsync(HttpContext context, string path, Func<JsonObject, (int Status, JsonObject Body)> answer)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        JsonObject? request = null;
        try
        {
            request = JsonNode.Parse(await ReadBodyAsync(context.Request))?.AsObject();
        }
        catch (JsonException)
        {
            // answered below as the API answers malformed JSON
        }

        (int Status, JsonObject Body) result;
        if (authorization != "Bearer " + ApiKey)
        {
            result = (401, Error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
        }
        else if (request is null)
        {
            result = (400, Error("We could not parse the JSON body of your request.", "invalid_request_error", null));
        }
        else if (TryTakeFailure(out var failure, path))
        {
            result = (failure.Status, failure.Error);
        }
        else
        {
            result = answer(request);
        }

        Record(new OpenAiCall(path, request ?? new JsonObject(), result.Status, authorization));
        if (_held is { } held)
        {
            await held.Task.WaitAsync(context.RequestAborted);
        }

        context.Response.StatusCode = result.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(result.Body.ToJsonString(), context.RequestAborted);
    }

    private static (int, JsonObject) Embeddings(JsonObject request)
    {
        var inputs = request["input"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var one) => [one],
            JsonArray array when array.All(i => i is JsonValue v && v.TryGetValue<string>(out _)) => array.Select(i => i!.GetValue<string>()).ToList(),
            _ => null,
        };
        if (inputs is null || inputs.Count == 0 || request["model"] is not JsonValue)
        {
            return (400, Error("'input' must be a string or an array of strings, and 'model' is required.", "invalid_request_error", null,
                param: inputs is null ? "input" : "model"));
        }

        var base64 = request["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        var tokens = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = Embed(inputs[i]);
            tokens += Words(inputs[i]).Count;
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray()))!
                : new JsonArray([.. vector.Select(v => (JsonNode)JsonValue.Create(v))]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        return (200, new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request["model"]!.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    private (int, JsonObject) Completion(JsonObject request)
    {
        if (request["messages"] is not JsonArray { Count: > 0 } messages || request["model"] is not JsonValue)
        {
            return (400, Error("'messages' must be a non-empty array, and 'model' is required.", "invalid_request_error", null, param: "messages"));
        }

        var texts = messages.Select(m => (Role: m?["role"]?.GetValue<string>() ?? "", Content: ContentOf(m?["content"]))).ToList();
        var system = string.Join("\n", texts.Where(t => t.Role is "system" or "developer").Select(t => t.Content));
        var user = texts.LastOrDefault(t => t.Role == "user").Content ?? "";
        var reply = ScriptedReply ?? GroundedReply(system, user) ?? FixedReply ?? $"Stand-in reply to {texts.Count} messages.";
        var promptTokens = texts.Sum(t => Words(t.Content).Count);
        var completionTokens = Words(reply).Count;
        return (200, new JsonObject
        {
            ["id"] = "chatcmpl-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(system + user)))[..24].ToLowerInvariant(),
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = request["model"]!.GetValue<string>(),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply, ["refusal"] = null, ["annotations"] = new JsonArray() },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
            ["system_fingerprint"] = "fp_stand_in",
        });
    }

    /// <summary>
    /// Plays the grounded-answer contract: entries appear in the system message as lines <c>[entry:ID] ...</c>, and the
    /// prompt names the token to answer when none applies as <c>reply exactly DONT_KNOW_TOKEN</c>.
    /// </summary>
    private static string? GroundedReply(string system, string user)
    {
        var token = System.Text.RegularExpressions.Regex.Match(system, @"reply exactly (\S+)");
        if (!token.Success)
        {
            return null;
        }

        var question = Words(user).Where(w => w.Length > 2).ToHashSet(StringComparer.Ordinal);
        var best = system.Split('\n')
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\[entry:([^\]]+)\]\s*(.*)$"))
            .Where(m => m.Success)
            .Select(m => (Id: m.Groups[1].Value, Text: m.Groups[2].Value, Shared: Words(m.Groups[2].Value).Count(question.Contains)))
            .OrderByDescending(e => e.Shared)
            .FirstOrDefault();
        if (best.Id is null || best.Shared < 2)
        {
            return token.Groups[1].Value.TrimEnd('.');
        }

        var answer = best.Text.Contains("A: ", StringComparison.Ordinal) ? best.Text[(best.Text.IndexOf("A: ", StringComparison.Ordinal) + 3)..] : best.Text;
        return $"{answer.Trim()} [entry:{best.Id}]";
    }

    private static string ContentOf(JsonNode? content) => content switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray parts => string.Join("\n", parts.Select(p => p?["text"]?.GetValue<string>()).Where(t => t is not null)),
        _ => "",
    };

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        return words;
    }

    private static JsonObject Error(string message, string type, string? code, string? param = null) => new()
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
    };
}
