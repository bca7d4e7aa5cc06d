using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Api.Console;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>Sign-in, tokens, API keys, roles and rate limits.</summary>
public sealed class AuthTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("demo", "demo", "wrong-password")]
    [InlineData("demo", "nobody", "demo-password")]
    [InlineData("no-such-tenant", "demo", "demo-password")]
    public async Task Wrong_credentials_get_one_401_that_does_not_say_which_part_was_wrong(string tenant, string username, string password)
    {
        using var http = fixture.NewClient();

        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { tenant, username, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The tenant, username or password is wrong.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Requests_without_a_token_or_with_a_forged_one_are_refused()
    {
        using var anonymous = fixture.NewClient();
        using var forged = fixture.NewClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ4In0.forged");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/inbox")).StatusCode);
    }

    [Fact]
    public async Task An_operator_may_not_use_the_admin_api()
    {
        using var admin = await fixture.DemoAsync();
        var username = "op" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = "Olga", role = "Operator", capacity = 3, password = "olga-password" }))
            .EnsureSuccessStatusCode();
        using var olga = await ApiSession.SignInAsync(fixture.NewClient(), "demo", username, "olga-password");

        Assert.Equal(HttpStatusCode.Forbidden, (await olga.Http.GetAsync("/api/v1/admin/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await olga.Http.GetAsync("/api/v1/inbox")).StatusCode);
    }

    [Fact]
    public async Task An_api_key_acts_for_its_tenant_until_revoked()
    {
        using var admin = await fixture.DemoAsync();
        var created = await (await admin.PostAsync("/api/v1/admin/api-keys", new { name = "crm", role = "Operator" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;
        using var integration = fixture.NewClient();
        integration.DefaultRequestHeaders.Add("X-Api-Key", key);

        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/v1/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.GetAsync("/api/v1/admin/settings")).StatusCode);
        var listed = await admin.GetAsync("/api/v1/admin/api-keys");
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);

        (await admin.Http.DeleteAsync($"/api/v1/admin/api-keys/{created.GetProperty("info").GetProperty("id").GetGuid()}")).EnsureSuccessStatusCode();
        using var fresh = fixture.NewClient();
        fresh.DefaultRequestHeaders.Add("X-Api-Key", key[..^1] + (key[^1] == 'a' ? 'b' : 'a'));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.GetAsync("/api/v1/inbox")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_gets_a_400_problem_not_a_500()
    {
        using var admin = await fixture.DemoAsync();

        var malformed = await admin.Http.PutAsync("/api/v1/admin/settings", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        var badFilter = await admin.Http.GetAsync("/api/v1/inbox?filter=everything");
        var badCursor = await admin.Http.GetAsync("/api/v1/inbox?cursor=garbage");
        var badLimit = await admin.Http.GetAsync("/api/v1/inbox?limit=100000");
        var shortQuery = await admin.Http.GetAsync("/api/v1/search/messages?q=a");

        foreach (var response in new[] { malformed, badFilter, badCursor, badLimit, shortQuery })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
