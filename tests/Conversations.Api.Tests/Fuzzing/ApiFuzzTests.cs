using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using Conversations.Testing;
using Xunit.Abstractions;

namespace Conversations.Api.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing of every operation in the served OpenAPI document (operator, admin, platform, widget, demo
/// and webhook endpoints) with hostile bodies, path values, query strings and credentials. A fixed seed and a bounded
/// count keep the run repeatable; a failure prints the request CsCheck shrank it to.
/// </summary>
public sealed partial class ApiFuzzTests(ApiFixture fixture, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const int Iterations = 4000;

    /// <summary>Seeds of the runs (CsCheck's PCG format). Another seed explores other inputs; the suite keeps these fixed.</summary>
    [Theory]
    [InlineData("1xn1HwIbwfUS")]
    [InlineData("9pLoKi8uJy7h")]
    public async Task No_generated_request_gets_a_5xx_every_refusal_is_a_problem_document_and_refusals_change_nothing(string seed)
    {
        var context = await FuzzContext.CreateAsync(fixture);
        using var http = fixture.NewClient();
        http.Timeout = TimeSpan.FromSeconds(30);

        // One PCG stream from the fixed seed generates every request in turn, so each run sends the same requests
        // (CsCheck's sampler would seed only its first iteration). Every failure is listed, not only the first.
        var random = PCG.Parse(seed);
        var failures = new List<string>();
        for (var i = 0; i < Iterations; i++)
        {
            var request = context.Requests.Generate(random, null, out _);
            if (await CheckAsync(http, context, request) is { } failure)
            {
                failures.Add($"#{i}: {failure}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Iterations} generated requests failed:\n{string.Join("\n", failures.Take(20))}");
        output.WriteLine($"{Iterations} generated requests: no 5xx, every refusal a problem document, no refused write changed anything.");
    }

    /// <summary>What is wrong with the answer to <paramref name="request"/>, or null.</summary>
    private async Task<string?> CheckAsync(HttpClient http, FuzzContext context, FuzzRequest request)
    {
        var before = await SnapshotAsync(http, context, request);
        FuzzAnswer answer;
        try
        {
            answer = await SendAsync(http, context, request);
        }
        catch (HttpRequestException ex)
        {
            return $"{request} got no answer: {ex.Message} {ex.InnerException?.Message}";
        }

        await TakeOffPlanAsync(http, context, request);

        if (answer.Status >= 500)
        {
            return $"{request} answered {answer}";
        }

        if (answer.Status < 400 || !request.ReachesApplication)
        {
            return null;
        }

        if (answer.MediaType != "application/problem+json")
        {
            return $"{request} answered {answer} instead of a problem document";
        }

        var problem = JsonDocument.Parse(answer.Body).RootElement;
        if (!problem.TryGetProperty("status", out var status) || status.GetInt32() != answer.Status
            || !problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
        {
            return $"{request} answered a problem document without its status and title: {answer}";
        }

        return before is not null && before != await SnapshotAsync(http, context, request)
            ? $"{request} was refused with {answer.Status} but changed what GET {request.Path} returns"
            : null;
    }

    /// <summary>
    /// A generated request may put a tenant on a generated plan: take it off again, so a random budget does not turn the
    /// rest of the run's requests of that tenant into 429s (which would test nothing else).
    /// </summary>
    private static async Task TakeOffPlanAsync(HttpClient http, FuzzContext context, FuzzRequest request)
    {
        if (request.Operation.Method != HttpMethod.Put || !PlanAssignment().IsMatch(request.Path))
        {
            return;
        }

        using var reset = new HttpRequestMessage(HttpMethod.Put, request.Path) { Content = JsonContent.Create(new { plan = (string?)null }) };
        context.Authorize(reset, Credential.Platform);
        using var _ = await http.SendAsync(reset);
    }

    [GeneratedRegex("^/api/v1/platform/tenants/[^/]+/plan$")]
    private static partial Regex PlanAssignment();

    /// <summary>What GET answers on the same path, for writes that the document also lets one read back.</summary>
    private static async Task<string?> SnapshotAsync(HttpClient http, FuzzContext context, FuzzRequest request)
    {
        if (request.Operation.Method == HttpMethod.Get || !context.Readable.Contains(request.Operation.Template))
        {
            return null;
        }

        // Read back as someone allowed to read, so the snapshot shows the stored data, not a refusal.
        using var read = new HttpRequestMessage(HttpMethod.Get, request.Path);
        context.Authorize(read, request.Path.StartsWith("/api/v1/platform", StringComparison.Ordinal) ? Credential.Platform
            : request.Path.StartsWith("/widget", StringComparison.Ordinal) ? Credential.Visitor
            : Credential.Admin);
        using var response = await http.SendAsync(read);
        return $"{(int)response.StatusCode} {TraceId().Replace(await response.Content.ReadAsStringAsync(), "")}";
    }

    private async Task<FuzzAnswer> SendAsync(HttpClient http, FuzzContext context, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(request.Operation.Method, request.Path + request.Query);
        context.Authorize(message, request.Credential);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);

            // A server that refuses before reading (401, 404, 413) may close the connection while a large body is still
            // being written, and the client then sees a broken pipe instead of the answer. Asking to continue first,
            // as careful clients do, lets such an answer arrive before the body is sent.
            message.Headers.ExpectContinue = request.Body.Length > 16_384;
        }

        if (!request.Operation.IsEventStream)
        {
            using var response = await http.SendAsync(message);
            return await FuzzAnswer.ReadAsync(response);
        }

        // An event stream never ends: its status and headers must come at once, and a refusal's body is all there
        // is to read. The stream gets a connection of its own, closed afterwards (no draining of an endless body).
        using var own = fixture.NewClient();
        using var answered = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var stream = await own.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, answered.Token);
        return (int)stream.StatusCode >= 400 ? await FuzzAnswer.ReadAsync(stream) : new FuzzAnswer((int)stream.StatusCode, stream.Content.Headers.ContentType?.MediaType, "");
    }

    /// <summary>The served document, real ids and credentials to mix into the generated requests.</summary>
    private sealed class FuzzContext
    {
        private string _adminToken = "";
        private string _visitorToken = "";

        public Gen<FuzzRequest> Requests { get; private set; } = null!;

        /// <summary>Templates that have both a GET and a write operation.</summary>
        public HashSet<string> Readable { get; private set; } = [];

        public static async Task<FuzzContext> CreateAsync(ApiFixture fixture)
        {
            var context = new FuzzContext();
            using var http = fixture.NewClient();
            var document = (await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json"))!;
            var operations = ApiOperation.All(document);
            context.Readable = [.. operations.GroupBy(o => o.Template)
                .Where(g => g.Any(o => o.Method == HttpMethod.Get) && g.Any(o => o.Method != HttpMethod.Get) && !g.Key.Contains("events", StringComparison.Ordinal))
                .Select(g => g.Key)];

            using (var admin = await fixture.DemoAsync())
            {
                context._adminToken = admin.Http.DefaultRequestHeaders.Authorization!.Parameter!;
                // A run before may have disconnected the demo widget (DELETE /admin/channels/Widget/demo is among the
                // requests generated): connect it again, or find it there (409).
                var widget = await admin.PostAsync("/api/v1/admin/channels/widgets", new { title = "Demo shop", key = "demo" });
                Assert.True(widget.IsSuccessStatusCode || widget.StatusCode == System.Net.HttpStatusCode.Conflict, $"demo widget: {(int)widget.StatusCode}");
            }

            var conversation = await fixture.VisitorWritesAsync("demo", "hello");
            var session = await (await http.PostAsJsonAsync("/widget/v1/demo/session", new { })).Content.ReadFromJsonAsync<JsonElement>();
            context._visitorToken = session.GetProperty("token").GetString()!;
            context.Requests = Generate(operations, new HostileJson(document), conversation);
            return context;
        }

        public void Authorize(HttpRequestMessage message, Credential credential)
        {
            switch (credential)
            {
                case Credential.Admin:
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
                    break;
                case Credential.Visitor:
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _visitorToken);
                    break;
                case Credential.Platform:
                    message.Headers.Add("X-Platform-Key", ConversationsApp.PlatformKey);
                    break;
                case Credential.Garbage:
                    message.Headers.TryAddWithoutValidation("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
                    message.Headers.TryAddWithoutValidation("X-Api-Key", "cv_" + new string('A', 40));
                    break;
            }
        }

        private static Gen<FuzzRequest> Generate(IReadOnlyList<ApiOperation> operations, HostileJson json, Guid conversation)
        {
            var pathValues = Gen.OneOf(
                conversation.ToString(), Guid.Empty.ToString(), "8d1c7a52-5b0e-4d7e-9b8e-3a6a0c5f9e11", "demo", "rival", "telegram",
                "Widget", "abc", "-1", "9223372036854775808", "%2e%2e%2f%2e%2e", "%00", "%E2%80%8F", new string('a', 3000));
            var queryValues = Gen.OneOf(
                "", "-1", "0", "1", "1000000", "abc", "true", "waiting", "Telegram", "2026-01-01T00:00:00Z", "99999999999999999999",
                conversation.ToString(), "%00", "%ZZ", Uri.EscapeDataString("\ud83d"), new string('q', 2000), "1e400");
            // Mostly the tenant's admin, who may reach every handler; the rest probe the refusals.
            var credentials = Gen.Frequency((6, Credential.Admin), (1, Credential.Visitor), (1, Credential.Platform), (1, Credential.None), (1, Credential.Garbage));
            return Gen.Int[0, operations.Count - 1].SelectMany(index =>
            {
                var operation = operations[index];
                var path = Gen.Select(pathValues.Array[operation.PathParameters.Count], values =>
                {
                    var text = operation.Template;
                    for (var i = 0; i < values.Length; i++)
                    {
                        text = text.Replace("{" + operation.PathParameters[i] + "}", values[i], StringComparison.Ordinal);
                    }

                    return text;
                });
                var query = Gen.Select(queryValues.Array[operation.QueryParameters.Count], Gen.Bool.Array[operation.QueryParameters.Count], (values, present) =>
                {
                    var pairs = operation.QueryParameters.Select((name, i) => present[i] ? $"{name}={values[i]}" : null).Where(p => p is not null).ToList();
                    return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
                });
                var body = operation.Body is { } schema ? json.Body(schema).Select(b => (string?)b) : Gen.Const((string?)null);
                var contentType = Gen.Frequency((8, Gen.Const("application/json")), (1, Gen.OneOf("text/plain", "application/xml", "application/json; charset=latin1")));
                return Gen.Select(credentials, path, query, body, contentType,
                    (credential, p, q, b, type) => new FuzzRequest(operation, credential, p, q, b, type));
            });
        }
    }

    /// <summary>The credential a generated request carries.</summary>
    public enum Credential
    {
        Admin,
        Visitor,
        Platform,
        None,
        Garbage,
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    /// <summary>What the server answered.</summary>
    private sealed record FuzzAnswer(int Status, string? MediaType, string Body)
    {
        public static async Task<FuzzAnswer> ReadAsync(HttpResponseMessage response) =>
            new((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());

        public override string ToString() => $"{Status} ({MediaType}) {(Body.Length > 500 ? Body[..500] + "…" : Body)}";
    }

    /// <summary>One generated request.</summary>
    private sealed record FuzzRequest(ApiOperation Operation, Credential Credential, string Path, string Query, string? Body, string ContentType)
    {
        /// <summary>
        /// False when Kestrel itself refuses the request line (a NUL in the path) with a bare 400 before any of our code
        /// runs: such a request is only checked for not causing a 5xx.
        /// </summary>
        public bool ReachesApplication => !Path.Contains("%00", StringComparison.Ordinal);

        public override string ToString() =>
            $"{Operation.Method} {Path}{Query} as {Credential}" + (Body is null ? "" : $" ({ContentType}) {(Body.Length > 300 ? Body[..300] + $"… ({Body.Length} chars)" : Body)}");
    }
}
