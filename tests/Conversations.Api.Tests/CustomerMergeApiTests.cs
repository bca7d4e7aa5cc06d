using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>Operators merge and unmerge customers over the API: the absorbed id answers the survivor, every change is audited, bad input is a problem naming the field.</summary>
public sealed class CustomerMergeApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_merge_moves_the_conversation_the_absorbed_id_answers_the_survivor_and_an_unmerge_splits_it_back_out()
    {
        using var demo = await fixture.DemoAsync();
        var (survivor, survivorConversation) = await VisitorAsync(demo, "demo", "Здравствуйте, заказ 1001");
        var (absorbed, absorbedConversation) = await VisitorAsync(demo, "demo", "Это я же, с телефона");

        var merge = await demo.PostAsync($"/api/v1/customers/{survivor}/merge", new { absorbedId = absorbed });

        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        var merged = await merge.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(survivor, merged.GetProperty("survivor").GetProperty("customerId").GetGuid());
        Assert.Equal(absorbed, merged.GetProperty("absorbedId").GetGuid());
        Assert.Equal([absorbedConversation], merged.GetProperty("movedConversations").EnumerateArray().Select(c => c.GetGuid()));
        Assert.Equal(2, merged.GetProperty("survivor").GetProperty("identities").GetArrayLength());
        var movedIdentity = Assert.Single(merged.GetProperty("movedIdentities").EnumerateArray());

        // The absorbed id answers the survivor (200 with the survivor's id, not a redirect), with both conversations.
        var byOldId = await demo.GetAsync($"/api/v1/customers/{absorbed}");
        Assert.Equal(survivor, byOldId.GetProperty("profile").GetProperty("customerId").GetGuid());
        Assert.Equal(new[] { absorbedConversation, survivorConversation }.Order(), byOldId.GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("conversationId").GetGuid()).Order());
        Assert.Equal(survivor, (await demo.GetAsync($"/api/v1/conversations/{absorbedConversation}")).GetProperty("summary").GetProperty("customerId").GetGuid());
        var audit = (await demo.GetAsync($"/api/v1/customers/{survivor}/audit")).EnumerateArray().ToList();
        Assert.Equal("merged", audit[0].GetProperty("action").GetString());
        Assert.Equal(demo.OperatorId, audit[0].GetProperty("actorId").GetGuid());
        Assert.Equal(absorbed, audit[0].GetProperty("details").GetProperty("absorbedId").GetGuid());
        Assert.Equal("absorbed", (await demo.GetAsync($"/api/v1/customers/{absorbed}/audit"))[0].GetProperty("action").GetString());

        var unmerge = await demo.PostAsync($"/api/v1/customers/{survivor}/unmerge", new
        {
            identities = new[] { new { kind = movedIdentity.GetProperty("kind").GetString(), account = movedIdentity.GetProperty("account").GetString(), externalUserId = movedIdentity.GetProperty("externalUserId").GetString() } },
        });

        Assert.Equal(HttpStatusCode.OK, unmerge.StatusCode);
        var split = await unmerge.Content.ReadFromJsonAsync<JsonElement>();
        var splitId = split.GetProperty("splitOut").GetProperty("customerId").GetGuid();
        Assert.NotEqual(survivor, splitId);
        Assert.Equal([absorbedConversation], split.GetProperty("movedConversations").EnumerateArray().Select(c => c.GetGuid()));
        Assert.Equal(1, split.GetProperty("remaining").GetProperty("identities").GetArrayLength());
        var splitDetail = await demo.GetAsync($"/api/v1/customers/{splitId}");
        Assert.Equal([absorbedConversation], splitDetail.GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("conversationId").GetGuid()));
        Assert.Equal(["unmerged", "merged"], (await demo.GetAsync($"/api/v1/customers/{survivor}/audit")).EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_another_tenants_customer_is_not_found()
    {
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        var (mine, _) = await VisitorAsync(demo, "demo", "один");
        var (rivals, _) = await VisitorAsync(rival, "rival", "секрет конкурента");

        await AssertProblemAsync(await demo.PostAsync($"/api/v1/customers/{mine}/merge", new { }), HttpStatusCode.BadRequest, "absorbedId");
        await AssertProblemAsync(await demo.PostAsync($"/api/v1/customers/{mine}/merge", new { absorbedId = mine }), HttpStatusCode.BadRequest, "absorbedId");
        await AssertProblemAsync(await demo.PostAsync($"/api/v1/customers/{mine}/merge", new { absorbedId = "not-a-guid" }), HttpStatusCode.BadRequest, "absorbedId");
        await AssertProblemAsync(await demo.PostAsync($"/api/v1/customers/{mine}/merge", new { absorbedId = rivals }), HttpStatusCode.NotFound, "absorbedId");
        await AssertProblemAsync(await demo.PostAsync($"/api/v1/customers/{rivals}/merge", new { absorbedId = mine }), HttpStatusCode.NotFound, rivals.ToString());
        await AssertProblemAsync(await demo.PostAsync($"/api/v1/customers/{mine}/unmerge", new { identities = Array.Empty<object>() }), HttpStatusCode.BadRequest, "identities");
        await AssertProblemAsync(await demo.PostAsync($"/api/v1/customers/{mine}/unmerge", new { identities = new[] { new { kind = "Telegram", account = "777", externalUserId = "nobody" } } }),
            HttpStatusCode.BadRequest, "identities[0]");
        await AssertProblemAsync(await demo.PostAsync($"/api/v1/customers/{mine}/unmerge", new { identities = new[] { new { kind = "Widget", account = "", externalUserId = "x" } } }),
            HttpStatusCode.BadRequest, "identities[0].account");
        await AssertProblemAsync(await demo.PostAsync($"/api/v1/customers/{rivals}/unmerge", new { identities = new[] { new { kind = "Widget", account = "a", externalUserId = "x" } } }),
            HttpStatusCode.NotFound, rivals.ToString());
        await AssertProblemAsync(await demo.Http.GetAsync($"/api/v1/customers/{mine}/audit?limit=0"), HttpStatusCode.BadRequest, "limit");

        // The only identity cannot be split out: the customer would be left with none.
        var only = (await demo.GetAsync($"/api/v1/customers/{mine}")).GetProperty("profile").GetProperty("identities")[0].GetProperty("key");
        await AssertProblemAsync(await demo.PostAsync($"/api/v1/customers/{mine}/unmerge", new { identities = new[] { Ref(only) } }), HttpStatusCode.BadRequest, "at least one");

        // The rival's customer is untouched and its audit trail is not the demo tenant's to read.
        Assert.Equal(rivals, (await rival.GetAsync($"/api/v1/customers/{rivals}")).GetProperty("profile").GetProperty("customerId").GetGuid());
        Assert.Equal(0, (await demo.GetAsync($"/api/v1/customers/{rivals}/audit")).GetArrayLength());
    }

    [Fact]
    public async Task Fuzzed_merge_unmerge_and_audit_requests_never_get_a_server_error_and_every_refusal_is_a_problem()
    {
        using var demo = await fixture.DemoAsync();
        var customers = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            customers.Add((await VisitorAsync(demo, "demo", $"fuzz {i}")).Customer);
        }

        var id = Gen.OneOf(Gen.Int[0, 3].Select(i => customers[i].ToString()), Gen.Guid.Select(g => g.ToString()), Gen.Const(Guid.Empty.ToString()),
            Gen.Const("not-a-guid"), Gen.Const("00000000-0000-0000-0000-00000000000G"));
        var text = Gen.OneOf(Gen.String[0, 40], Gen.Const(new string('x', 201)), Gen.Const(""), Gen.Const((string)null!), Gen.Const("777"));
        var kind = Gen.OneOf(Gen.Const("Telegram"), Gen.Const("Widget"), Gen.Const("Fax"), Gen.Const("99"), Gen.Const((string)null!));
        var identity = Gen.Select(kind, text, text).Select(t => (JsonNode)new JsonObject { ["kind"] = t.Item1, ["account"] = t.Item2, ["externalUserId"] = t.Item3 });
        var operation = Gen.Int[0, 4];
        var sent = 0;
        await Gen.Select(operation, id, id, identity.Array[0, 22], Gen.Int[-5, 150]).SampleAsync(async t =>
        {
            sent++;
            var (op, path, other, identities, limit) = t;
            using var request = op switch
            {
                0 => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/customers/{path}/merge") { Content = JsonContent.Create(new JsonObject { ["absorbedId"] = other }) },
                1 => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/customers/{path}/unmerge") { Content = JsonContent.Create(new JsonObject { ["identities"] = new JsonArray([.. identities]) }) },
                2 => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/customers/{path}/unmerge") { Content = new StringContent("{\"identities\": [{\"kind\": ", Encoding.UTF8, "application/json") },
                3 => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/customers/{path}/merge") { Content = new StringContent($"{{\"absorbedId\": {limit}}}", Encoding.UTF8, "application/json") },
                _ => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/customers/{path}/audit?limit={limit}"),
            };
            var response = await demo.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for {request.Method} {request.RequestUri}: {body}");
            if (status >= 400 && Guid.TryParse(path, out _))
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{status} without a problem document: {body}");
                Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()), body);
            }
        }, seed: "C0nversat1on", iter: 150, threads: 1);

        Assert.Equal(150, sent);
        foreach (var customer in customers)
        {
            // Whatever merged, every id still answers a customer of the tenant.
            Assert.Equal(demo.TenantId, (await demo.GetAsync($"/api/v1/customers/{customer}")).GetProperty("profile").GetProperty("tenantId").GetGuid());
        }
    }

    private async Task<(Guid Customer, Guid Conversation)> VisitorAsync(ApiSession session, string widget, string text)
    {
        var conversation = await fixture.VisitorWritesAsync(widget, text);
        var detail = await session.GetAsync($"/api/v1/conversations/{conversation}");
        return (detail.GetProperty("summary").GetProperty("customerId").GetGuid(), conversation);
    }

    private static object Ref(JsonElement key) => new
    {
        kind = key.GetProperty("kind").GetString(),
        account = key.GetProperty("account").GetString(),
        externalUserId = key.GetProperty("externalUserId").GetString(),
    };

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string named)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
