using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// Plans are set through the platform API, which names each wrong field; a tenant over its plan's API budget gets 429
/// with Retry-After while another tenant's calls go through.
/// </summary>
public sealed class TenantApiAdmissionTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly object Roomy = new { perSecond = 1000, burst = 1000, concurrent = 1000 };

    [Fact]
    public async Task A_tenant_over_its_api_budget_gets_429_with_Retry_After_while_another_tenant_is_served()
    {
        using var platform = Platform();
        // Two calls at once, then one every 100 s: the third call in a row is refused for most of 100 s.
        var tight = new { inbound = Roomy, api = new { perSecond = 0.01, burst = 2, concurrent = 10 }, outbound = Roomy };
        (await platform.PutAsJsonAsync("/api/v1/platform/plans/tight-api", tight)).EnsureSuccessStatusCode();
        var assigned = await (await platform.PutAsJsonAsync("/api/v1/platform/tenants/rival/plan", new { plan = "tight-api" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("tight-api", assigned.GetProperty("plan").GetString());
        try
        {
            using var rival = await fixture.RivalAsync();
            using var demo = await fixture.DemoAsync();

            var rivalAnswers = new List<HttpResponseMessage>();
            for (var i = 0; i < 3; i++)
            {
                rivalAnswers.Add(await rival.Http.GetAsync("/api/v1/operators"));
            }

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], rivalAnswers.Select(a => a.StatusCode));
            var refused = rivalAnswers[2];
            var wait = refused.Headers.RetryAfter!.Delta!.Value;
            Assert.InRange(wait, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(100));
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
            Assert.Contains("tight-api", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal((int)wait.TotalSeconds, problem.GetProperty("retryAfterSeconds").GetInt32());

            // The other tenant (no plan) is not slowed by the rival's refusals.
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await demo.Http.GetAsync("/api/v1/operators")).StatusCode);
            }
        }
        finally
        {
            (await platform.PutAsJsonAsync("/api/v1/platform/tenants/rival/plan", new { plan = (string?)null })).EnsureSuccessStatusCode();
        }

        using var freed = await fixture.RivalAsync();
        Assert.Equal(HttpStatusCode.OK, (await freed.Http.GetAsync("/api/v1/operators")).StatusCode);
    }

    [Fact]
    public async Task A_plan_reads_back_as_set_and_a_tenant_reads_back_its_plan()
    {
        using var platform = Platform();
        var plan = new { inbound = new { perSecond = 50, burst = 100, concurrent = 20 }, api = new { perSecond = 20, burst = 40, concurrent = 8 }, outbound = new { perSecond = 30, burst = 60, concurrent = 10 } };
        (await platform.PutAsJsonAsync("/api/v1/platform/plans/standard", plan)).EnsureSuccessStatusCode();

        var read = await platform.GetFromJsonAsync<JsonElement>("/api/v1/platform/plans/standard");
        Assert.Equal("standard", read.GetProperty("name").GetString());
        Assert.Equal(20, read.GetProperty("api").GetProperty("perSecond").GetDouble());
        Assert.Equal(60, read.GetProperty("outbound").GetProperty("burst").GetInt32());
        Assert.Equal(20, read.GetProperty("inbound").GetProperty("concurrent").GetInt32());
        Assert.Contains((await platform.GetFromJsonAsync<JsonElement>("/api/v1/platform/plans")).EnumerateArray(), p => p.GetProperty("name").GetString() == "standard");
        Assert.Equal(JsonValueKind.Null, (await platform.GetFromJsonAsync<JsonElement>("/api/v1/platform/tenants/demo/plan")).GetProperty("plan").ValueKind);
    }

    [Theory]
    [InlineData("Bad_Name", """{"inbound":{"perSecond":1,"burst":1,"concurrent":1},"api":{"perSecond":1,"burst":1,"concurrent":1},"outbound":{"perSecond":1,"burst":1,"concurrent":1}}""", "$.name")]
    [InlineData("ok-plan", """{"inbound":{"perSecond":0,"burst":1,"concurrent":1},"api":{"perSecond":1,"burst":1,"concurrent":1},"outbound":{"perSecond":1,"burst":1,"concurrent":1}}""", "$.inbound.perSecond")]
    [InlineData("ok-plan", """{"inbound":{"perSecond":1,"burst":1,"concurrent":1},"api":{"perSecond":1,"burst":-3,"concurrent":1},"outbound":{"perSecond":1,"burst":1,"concurrent":1}}""", "$.api.burst")]
    [InlineData("ok-plan", """{"inbound":{"perSecond":1,"burst":1,"concurrent":1},"api":{"perSecond":1,"burst":1,"concurrent":1},"outbound":{"perSecond":1,"burst":1,"concurrent":0}}""", "$.outbound.concurrent")]
    [InlineData("ok-plan", """{"inbound":{"perSecond":1,"burst":1,"concurrent":1},"api":{"perSecond":1,"burst":1,"concurrent":1}}""", "$.outbound")]
    public async Task An_invalid_plan_is_refused_with_400_naming_the_field(string name, string body, string field)
    {
        using var platform = Platform();

        var answer = await platform.PutAsync($"/api/v1/platform/plans/{name}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(field + ":", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.GetAsync($"/api/v1/platform/plans/{name}")).StatusCode);
    }

    [Fact]
    public async Task Assigning_an_unknown_plan_or_to_an_unknown_tenant_is_404_and_without_the_platform_key_401()
    {
        using var platform = Platform();

        Assert.Equal(HttpStatusCode.NotFound, (await platform.PutAsJsonAsync("/api/v1/platform/tenants/rival/plan", new { plan = "no-such-plan" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.PutAsJsonAsync("/api/v1/platform/tenants/no-such-shop/plan", new { plan = (string?)null })).StatusCode);
        using var anonymous = fixture.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/v1/platform/plans/sneaky", new { inbound = Roomy, api = Roomy, outbound = Roomy })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await platform.GetFromJsonAsync<JsonElement>("/api/v1/platform/tenants/rival/plan")).GetProperty("plan").ValueKind);
    }

    private HttpClient Platform()
    {
        var http = fixture.NewClient();
        http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        return http;
    }
}
