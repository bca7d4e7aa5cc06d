using System.Net.Http.Headers;
using System.Text.Json;
using CsCheck;
using Conversations.Testing;
using Xunit.Abstractions;

namespace Conversations.Api.Tests.Reports;

/// <summary>
/// Property-based fuzzing of the report endpoints' query: valid, nearly valid and hostile values of every parameter, as
/// an admin and as an operator, JSON and CSV. A fixed seed and a bounded count keep the run repeatable. Every answer is a
/// report or a 4xx problem (a 400 names the parameter; a query too long for any endpoint is a 414); never a 5xx.
/// </summary>
public sealed class ReportQueryFuzzTests(ApiFixture fixture, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const int Iterations = 600;

    private static readonly string[] Names = ["from", "to", "granularity", "channel", "timeZone", "operatorId", "format"];

    private static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.Const(""), Gen.Const("%00"), Gen.Const("null"), Gen.Const("-1"), Gen.Const("1e400"), Gen.Const("%27%20OR%201%3D1--"),
        Gen.Const("%E2%80%AE"), Gen.Const("%F0%9F%98%80"), Gen.Const(new string('9', 5000)), Gen.Const("..%2F..%2Fetc%2Fpasswd"),
        Gen.String[0, 50].Select(Uri.EscapeDataString));

    private static readonly Gen<string>[] Values =
    [
        Gen.OneOf(Gen.Const("2026-10-24"), Gen.Const("2026-02-30"), Gen.Const("0001-01-01"), Gen.Const("9999-12-31"), Gen.Const("2026-10-24T10:00:00%2B03:00"),
            Gen.Const("2026-10-24T10:00:00Z"), Gen.Const("2026-10-24T10:00:00"), Gen.Int[1, 9999].Select(y => $"{y:0000}-01-01"), Hostile),
        Gen.OneOf(Gen.Const("2026-10-26"), Gen.Const("2026-10-24"), Gen.Const("2027-12-31"), Gen.Const("9999-12-31T23:59:59%2B14:00"), Gen.Const("yesterday"), Hostile),
        Gen.OneOf(Gen.Const("hour"), Gen.Const("Day"), Gen.Const("week"), Gen.Const("month"), Gen.Const("2"), Hostile),
        Gen.OneOf(Gen.Const("telegram"), Gen.Const("Widget"), Gen.Const("NotificationWebhook"), Gen.Const("100"), Gen.Const("fax"), Hostile),
        Gen.OneOf(Gen.Const("UTC"), Gen.Const("Europe/Berlin"), Gen.Const("Asia/Kolkata"), Gen.Const("Etc/GMT%2B12"), Gen.Const("Mars/Olympus"), Gen.Const("..%2F"), Hostile),
        Gen.OneOf(Gen.Guid.Select(g => g.ToString()), Gen.Const("00000000-0000-0000-0000-000000000000"), Gen.Const("me"), Hostile),
        Gen.OneOf(Gen.Const("csv"), Gen.Const("JSON"), Gen.Const("xml"), Hostile),
    ];

    [Theory]
    [InlineData("4mQqG1wnSbLk")]
    public async Task No_generated_report_query_gets_a_5xx_and_every_refusal_is_a_problem_a_400_naming_the_parameter(string seed)
    {
        using var admin = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        var reports = new[] { "overview", "conversations", "operators", "bot", "csat" };
        var values = Gen.Const(Array.Empty<string>());
        foreach (var value in Values)
        {
            values = values.SelectMany(before => value.Select(v => (string[])[.. before, v]));
        }

        var requests = Gen.Select(Gen.Int[0, reports.Length - 1], values, Gen.Bool.Array[Names.Length], Gen.Bool, Gen.Bool,
            (report, chosen, present, asRival, acceptCsv) => (Report: reports[report],
                Query: string.Join('&', Names.Select((name, i) => present[i] ? $"{name}={chosen[i]}" : null).OfType<string>()), asRival, acceptCsv));
        var random = PCG.Parse(seed);
        var failures = new List<string>();
        var answered = new Dictionary<int, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var (report, query, asRival, acceptCsv) = requests.Generate(random, null, out _);
            using var message = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reports/{report}?{query}");
            if (acceptCsv)
            {
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
            }

            using var response = await (asRival ? rival : admin).Http.SendAsync(message);
            var status = (int)response.StatusCode;
            answered[status] = answered.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync();
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status >= 500 || (status >= 400 && type != "application/problem+json"))
            {
                failures.Add($"#{i} {report}?{query}: {status} {type} {body[..Math.Min(200, body.Length)]}");
            }
            else if (status == 400 && !Names.Any(n => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!.Contains(n, StringComparison.Ordinal)))
            {
                failures.Add($"#{i} {report}?{query}: {status} names no parameter: {body[..Math.Min(200, body.Length)]}");
            }
            else if (status == 200 && type is not ("application/json" or "text/csv"))
            {
                failures.Add($"#{i} {report}?{query}: 200 as {type}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Iterations} failed:\n{string.Join("\n", failures.Take(20))}");
        Assert.True(answered.GetValueOrDefault(200) > 0 && answered.GetValueOrDefault(400) > 0, "the generator reaches both reports and refusals");
        output.WriteLine($"{Iterations} report queries: " + string.Join(", ", answered.OrderBy(a => a.Key).Select(a => $"{a.Value}× {a.Key}")));
    }
}
