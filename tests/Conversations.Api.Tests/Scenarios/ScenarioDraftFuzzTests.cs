using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Conversations.Api.Tests.Scenarios;

/// <summary>
/// The scenario draft API fuzzed with CsCheck (fixed seed, bounded count): hostile documents, typed texts, button
/// payloads and test chat states, in any order of save, test, publish and discard. No answer is a 5xx and every
/// refusal is a problem document with a detail.
/// </summary>
public sealed class ScenarioDraftFuzzTests(ScenarioDraftFixture fixture) : IClassFixture<ScenarioDraftFixture>
{
    private const int Count = 150;
    private const string Seed = "Dr4ftSc3nario";

    [Fact]
    public async Task Fuzzed_draft_requests_never_get_a_server_error_and_every_refusal_is_a_problem_naming_why()
    {
        using var rival = await fixture.RivalAsync();
        var document = Gen.OneOf(Gen.Const(ScenarioDraftTests.Menu), Gen.Const("""{ "start": "x", "steps": [] }"""), Gen.Const("{"), Gen.Const(""),
            Gen.Const("null"), Gen.Const("[]"), Gen.String[0, 200], Gen.Const(new string(' ', 10)));
        var text = Gen.OneOf(Gen.Const((string?)null), Gen.Const<string?>("оператор"), Gen.Const<string?>("Delivery"), Gen.String[0, 100].Select(s => (string?)s),
            Gen.Const<string?>(new string('x', 5000)));
        var state = Gen.OneOf(Gen.Const((string?)null), Gen.Const<string?>("{not json"), Gen.Const<string?>("[]"), Gen.Const<string?>("""{"session":"{\"x\":1}"}"""),
            Gen.Const<string?>("""{"session":"{\"scenarioVersion\":\"draft\",\"currentStepId\":\"nowhere\",\"variables\":{}}"}"""), Gen.String[0, 60].Select(s => (string?)s));
        var operation = Gen.Int[0, 4];
        string? lastState = null;
        var sent = 0;
        await Gen.Select(operation, document, text, state, Gen.Bool).SampleAsync(async t =>
        {
            sent++;
            var (kind, json, typed, carried, pressed) = t;
            HttpResponseMessage response = kind switch
            {
                0 => await rival.Http.PutAsync("/api/v1/admin/bot/scenario/draft", new StringContent(json, Encoding.UTF8, "application/json")),
                1 => await rival.Http.PostAsJsonAsync("/api/v1/admin/bot/scenario/draft/test", new JsonObject
                {
                    [pressed ? "payload" : "text"] = typed, ["state"] = carried ?? lastState,
                }),
                2 => await rival.PostAsync("/api/v1/admin/bot/scenario/draft/publish"),
                3 => await rival.Http.DeleteAsync("/api/v1/admin/bot/scenario/draft"),
                _ => await rival.Http.GetAsync("/api/v1/admin/bot/scenario/draft"),
            };
            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for operation {kind} ({json}, {typed}, {carried}): {answer}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(answer).RootElement.GetProperty("detail").GetString()), answer);
            }
            else if (kind == 1)
            {
                lastState = JsonDocument.Parse(answer).RootElement.GetProperty("state").GetString();
            }
        }, seed: Seed, iter: Count, threads: 1);

        Assert.Equal(Count, sent);
    }
}
