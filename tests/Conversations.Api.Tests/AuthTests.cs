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
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("/api/v1/inbox")).StatusCode); // the revoked key itself, at once
    }

    [Fact]
    public async Task A_bearer_token_and_an_api_key_on_one_request_get_a_400_saying_to_send_one()
    {
        using var demo = await fixture.DemoAsync();
        using var rivalAdmin = await fixture.RivalAsync();
        var rivalKey = (await (await rivalAdmin.PostAsync("/api/v1/admin/api-keys", new { name = "crm", role = "Admin" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        demo.Http.DefaultRequestHeaders.Add("X-Api-Key", rivalKey);

        var response = await demo.Http.GetAsync("/api/v1/admin/settings");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Send one credential", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_access_token_parameter_beside_a_header_credential_gets_a_400()
    {
        using var demo = await fixture.DemoAsync();
        var token = demo.Http.DefaultRequestHeaders.Authorization!.Parameter;

        var response = await demo.Http.GetAsync($"/api/v1/events?access_token={token}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_refused_token_is_challenged_with_a_bare_Bearer_and_no_reason_or_type_names()
    {
        using var demo = await fixture.DemoAsync();
        var token = demo.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        using var tampered = fixture.NewClient();
        tampered.DefaultRequestHeaders.Authorization = new("Bearer", token[..^2] + (token[^2] == 'A' ? "BB" : "AA"));
        using var garbage = fixture.NewClient();
        garbage.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        foreach (var client in new[] { tampered, garbage })
        {
            var response = await client.GetAsync("/api/v1/inbox");

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
            AssertNoTypeNames(await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_403_names_no_types()
    {
        using var admin = await fixture.DemoAsync();
        var key = (await (await admin.PostAsync("/api/v1/admin/api-keys", new { name = "reader", role = "Operator" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        using var integration = fixture.NewClient();
        integration.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var impostor = fixture.NewClient();
        impostor.DefaultRequestHeaders.Add("X-Api-Key", key![..^1] + (key[^1] == 'a' ? 'b' : 'a'));

        var forbidden = await integration.GetAsync("/api/v1/admin/settings");
        var unknownKey = await impostor.GetAsync("/api/v1/inbox");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        AssertNoTypeNames(await forbidden.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);
        AssertNoTypeNames(await unknownKey.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_issued_before_a_password_change_is_refused_and_the_new_password_signs_in()
    {
        using var admin = await fixture.DemoAsync();
        var username = "op" + Guid.NewGuid().ToString("N")[..6];
        var created = await (await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = "Pia", role = "Operator", capacity = 3, password = "pia-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        using var pia = await ApiSession.SignInAsync(fixture.NewClient(), "demo", username, "pia-password");
        Assert.Equal(HttpStatusCode.OK, (await pia.Http.GetAsync("/api/v1/me")).StatusCode);

        (await admin.Http.PatchAsJsonAsync($"/api/v1/admin/operators/{created.GetProperty("operatorId").GetGuid()}", new { password = "pia-new-password" }))
            .EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await pia.Http.GetAsync("/api/v1/me")).StatusCode);
        using var again = await ApiSession.SignInAsync(fixture.NewClient(), "demo", username, "pia-new-password");
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_remove_themselves_and_a_removed_username_can_be_given_again()
    {
        using var admin = await fixture.DemoAsync();
        var username = "op" + Guid.NewGuid().ToString("N")[..6];
        var created = await (await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = "Tim", role = "Operator", capacity = 3, password = "tim-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        var self = await admin.Http.DeleteAsync($"/api/v1/admin/operators/{admin.OperatorId}");
        var removed = await admin.Http.DeleteAsync($"/api/v1/admin/operators/{created.GetProperty("operatorId").GetGuid()}");
        var again = await admin.Http.DeleteAsync($"/api/v1/admin/operators/{created.GetProperty("operatorId").GetGuid()}");
        var recreated = await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = "Tina", role = "Operator", capacity = 3, password = "tina-password" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recreated.StatusCode);
        using var tina = await ApiSession.SignInAsync(fixture.NewClient(), "demo", username, "tina-password");
        Assert.NotEqual(created.GetProperty("operatorId").GetGuid(), tina.OperatorId);
    }

    private static void AssertNoTypeNames(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Conversations.", body, StringComparison.Ordinal);
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
