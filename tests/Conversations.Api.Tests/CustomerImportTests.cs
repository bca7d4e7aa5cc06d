using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// Bulk import of customers (POST /api/v1/customers/import): CSV and JSON lines, idempotent by external id, every bad
/// row reported with its number and field while the rest go in, applied to customers behind, one tenant at a time.
/// </summary>
public sealed class CustomerImportTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Json_lines_import_reports_bad_rows_imports_the_rest_and_a_rerun_changes_nothing()
    {
        using var demo = await fixture.DemoAsync();
        var id = "imp-" + Guid.NewGuid().ToString("N")[..8];
        var body = string.Join('\n',
            $$$"""{"externalId": "{{{id}}}-1", "name": "Анна", "phones": ["+7 900 111-22-33"], "attributes": {"plan": "gold", "ltv": 12.5, "vip": true}}""",
            $$"""{"externalId": "{{id}}-2", "phones": ["12"]}""",
            "",
            """{"name": "no id"}""",
            $$$"""{"externalId": "{{{id}}}-3", "emails": ["b@example.com"], "attributes": {"1bad": "x"}}""",
            "not json",
            $$"""{"externalId": "{{id}}-4", "name": "Борис"}""") + "\n";

        var first = await ImportAsync(demo, body, "application/x-ndjson");
        var again = await ImportAsync(demo, body, "application/x-ndjson");

        Assert.Equal(6, first.GetProperty("rows").GetInt64());
        Assert.Equal(2, first.GetProperty("new").GetInt64());
        Assert.Equal(4, first.GetProperty("failed").GetInt64());
        var errors = first.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt64(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(2L, "$.phones[0]"), (4L, "$.externalId"), (5L, "$.attributes.1bad"), (6L, "$")], errors);
        Assert.Equal(0, again.GetProperty("new").GetInt64());
        Assert.Equal(0, again.GetProperty("changed").GetInt64());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt64());

        var anna = await CustomerAsync(demo, $"{id}-1");
        Assert.Equal("Анна", anna.GetProperty("displayName").GetString());
        Assert.Equal(["+79001112233"], anna.GetProperty("phones").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("gold", anna.GetProperty("attributes").GetProperty("plan").GetString());
        Assert.Equal("Number", anna.GetProperty("attributeTypes").GetProperty("ltv").GetString());
        Assert.Equal("Борис", (await CustomerAsync(demo, $"{id}-4")).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Csv_import_reads_contact_lists_and_attribute_columns_and_a_changed_row_updates_the_customer()
    {
        using var demo = await fixture.DemoAsync();
        var id = "csv-" + Guid.NewGuid().ToString("N")[..8];
        var csv = $"externalId,name,phones,emails,plan\r\n{id}-1,\"Петрова, Анна\",+79001112233;+79004445566,a@example.com,gold\r\n{id}-2,Bad,,not-an-email,\r\n{id}-3,Вера,,,silver\r\n";

        var report = await ImportAsync(demo, csv, "text/csv");
        var changed = await ImportAsync(demo, $"externalId,plan\n{id}-3,platinum\n", "text/csv");

        Assert.Equal(3, report.GetProperty("rows").GetInt64());
        Assert.Equal(2, report.GetProperty("new").GetInt64());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt64()); // the header is row 1
        Assert.Equal("$.emails[0]", error.GetProperty("field").GetString());
        Assert.Equal(1, changed.GetProperty("changed").GetInt64());
        var anna = await CustomerAsync(demo, $"{id}-1");
        Assert.Equal("Петрова, Анна", anna.GetProperty("displayName").GetString());
        Assert.Equal(2, anna.GetProperty("phones").GetArrayLength());
        await Eventually.HoldsAsync(async () => (await CustomerAsync(demo, $"{id}-3")).GetProperty("attributes").GetProperty("plan").GetString() == "platinum",
            "the changed row applied");
    }

    [Fact]
    public async Task An_import_touches_only_its_own_tenant()
    {
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        var id = "shared-" + Guid.NewGuid().ToString("N")[..8];
        await ImportAsync(demo, $$"""{"externalId": "{{id}}", "name": "Demo's"}""", "application/x-ndjson");
        await CustomerAsync(demo, id);

        var rivals = await ImportAsync(rival, $$"""{"externalId": "{{id}}", "name": "Rival's"}""", "application/x-ndjson");

        Assert.Equal(1, rivals.GetProperty("new").GetInt64()); // not "changed": the demo tenant's row is not the rival's
        await Eventually.HoldsAsync(async () => (await rival.Http.GetAsync($"/api/v1/customers/by-external-id/{id}")).IsSuccessStatusCode, "the rival's customer applied");
        Assert.Equal("Demo's", (await CustomerAsync(demo, id)).GetProperty("displayName").GetString());
        Assert.Equal("Rival's", (await CustomerAsync(rival, id)).GetProperty("displayName").GetString());
        Assert.NotEqual((await CustomerAsync(demo, id)).GetProperty("customerId").GetGuid(), (await CustomerAsync(rival, id)).GetProperty("customerId").GetGuid());
    }

    [Fact]
    public async Task A_wrong_media_type_or_a_csv_without_an_externalId_column_is_a_problem_naming_the_fix()
    {
        using var demo = await fixture.DemoAsync();

        var json = await PostImportAsync(demo, "{}", "application/json");
        var header = await PostImportAsync(demo, "id,name\n1,x\n", "text/csv");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.Contains("externalId column", (await header.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fuzzed_import_bodies_never_get_a_server_error_and_every_row_is_accounted_for()
    {
        using var demo = await fixture.DemoAsync();
        var value = Gen.OneOf(Gen.String[0, 30].Select(s => JsonSerializer.Serialize(s)), Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Const("null"), Gen.Const("true"), Gen.Const("[\"+79001234567\", 5]"), Gen.Const("{\"a\": {}}"), Gen.Const(JsonSerializer.Serialize(new string('x', 300))));
        var field = Gen.OneOf(Gen.Const("externalId"), Gen.Const("name"), Gen.Const("phones"), Gen.Const("emails"), Gen.Const("attributes"), Gen.String[0, 8]);
        var jsonLine = Gen.Select(field, value).Array[0, 5].Select(pairs => "{" + string.Join(", ", pairs.Select(p => $"{JsonSerializer.Serialize(p.Item1)}: {p.Item2}")) + "}");
        var line = Gen.OneOf(jsonLine, Gen.String[0, 60], Gen.Const("{\"externalId\": \"fuzz-1\", \"name\": \"ok\"}"));
        var csvLine = Gen.String[0, 40].Array[1, 6].Select(cells => string.Join(',', cells));
        var sent = 0;
        var imported = 0;
        await Gen.Select(Gen.Bool, line.Array[0, 30], csvLine.Array[0, 30]).SampleAsync(async t =>
        {
            sent++;
            var (asCsv, lines, csvLines) = t;
            var body = asCsv ? "externalId,name,phones,plan\n" + string.Join('\n', csvLines) : string.Join('\n', lines);
            var response = await demo.Http.PostAsync("/api/v1/customers/import", new StringContent(body, Encoding.UTF8, asCsv ? "text/csv" : "application/x-ndjson"));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // The operator's write limit: a refusal like any other, as a problem document.
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                return;
            }

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {body}: {text}");
            imported++;
            var report = JsonDocument.Parse(text).RootElement;
            var accounted = report.GetProperty("new").GetInt64() + report.GetProperty("changed").GetInt64() + report.GetProperty("unchanged").GetInt64()
                + report.GetProperty("failed").GetInt64();
            Assert.Equal(report.GetProperty("rows").GetInt64(), accounted);
            Assert.All(report.GetProperty("errors").EnumerateArray(), e => Assert.StartsWith("$", e.GetProperty("field").GetString(), StringComparison.Ordinal));
        }, seed: "1mp0rtFuzz01", iter: 120, threads: 1);

        Assert.Equal(120, sent);
        Assert.True(imported >= 10, $"only {imported} of the generated imports got past the write limit");
    }

    private static async Task<JsonElement> ImportAsync(ApiSession session, string body, string mediaType)
    {
        var response = await PostImportAsync(session, body, mediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>
    /// Posts an import as a well-behaved client does: a 429 (the operator's write limit, which the fuzz test in this
    /// class may have spent) is waited out for its Retry-After and sent again, a few times at most.
    /// </summary>
    private static async Task<HttpResponseMessage> PostImportAsync(ApiSession session, string body, string mediaType)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await session.Http.PostAsync("/api/v1/customers/import", new StringContent(body, Encoding.UTF8, mediaType));
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 5)
            {
                return response;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The customer with <paramref name="externalId"/>, once the applier has made it.</summary>
    private static async Task<JsonElement> CustomerAsync(ApiSession session, string externalId)
    {
        JsonElement found = default;
        await Eventually.HoldsAsync(async () =>
        {
            var response = await session.Http.GetAsync($"/api/v1/customers/by-external-id/{externalId}");
            if (response.IsSuccessStatusCode)
            {
                found = await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            return response.IsSuccessStatusCode;
        }, $"customer {externalId} applied", TimeSpan.FromSeconds(30));
        return found;
    }
}
