using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>Bodies the fuzzer found answered with a 500 or stored half-way: each gets a 400 naming the field and changes nothing.</summary>
public sealed class BadInputTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("{}")]
    [InlineData("{\"autoReleaseMinutes\":60,\"notificationEmails\":null,\"workingHours\":null}")]
    [InlineData("{\"autoReleaseMinutes\":60,\"notificationEmails\":[],\"handoffKeywords\":[],\"texts\":{},\"workingHours\":{\"timeZone\":null,\"week\":null,\"holidays\":null}}")]
    public async Task A_settings_body_with_missing_parts_names_them_and_keeps_the_settings(string body)
    {
        using var admin = await fixture.DemoAsync();
        var before = await admin.GetAsync("/api/v1/admin/settings");

        var problem = await PutAsync(admin.Http, "/api/v1/admin/settings", body);

        Assert.Matches("(notificationEmails|workingHours): ", problem.Detail);
        Assert.Equal(before.GetRawText(), (await admin.GetAsync("/api/v1/admin/settings")).GetRawText());
    }

    [Fact]
    public async Task A_null_faq_entry_is_refused_with_its_position()
    {
        using var admin = await fixture.DemoAsync();

        var problem = await PutAsync(admin.Http, "/api/v1/admin/bot/faq", "{\"entries\":[null]}");

        Assert.StartsWith("$.entries[0]:", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_content_without_its_kind_is_refused_naming_where()
    {
        using var admin = await fixture.DemoAsync();

        var problem = await SendAsync(admin.Http, HttpMethod.Post, "/api/v1/admin/canned-replies",
            "{\"shortcut\":\"kindless\",\"title\":\"t\",\"contents\":[{\"text\":\"hello\"}]}");

        Assert.StartsWith("$.contents[0]:", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Conversations.", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99", "$.role")]
    [InlineData("1", "$.role")]
    public async Task A_role_given_as_a_number_is_refused_naming_the_field(string role, string field)
    {
        using var admin = await fixture.DemoAsync();

        var problem = await SendAsync(admin.Http, HttpMethod.Post, "/api/v1/admin/operators",
            $"{{\"username\":\"numbers\",\"displayName\":\"N\",\"role\":{role},\"capacity\":3,\"password\":\"12345678\"}}");

        Assert.Contains(field, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flag_combination_of_roles_is_refused()
    {
        using var admin = await fixture.DemoAsync();

        var problem = await SendAsync(admin.Http, HttpMethod.Post, "/api/v1/admin/operators",
            "{\"username\":\"flags\",\"displayName\":\"F\",\"role\":\"Admin,Operator\",\"capacity\":3,\"password\":\"12345678\"}");

        Assert.Contains("role", problem.Detail, StringComparison.Ordinal);
        var operators = await admin.GetAsync("/api/v1/admin/operators");
        Assert.DoesNotContain(operators.EnumerateArray(), o => o.GetProperty("username").GetString() == "flags");
    }

    [Fact]
    public async Task A_tenant_whose_first_admin_is_refused_is_not_created()
    {
        using var platform = fixture.NewClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);

        var problem = await SendAsync(platform, HttpMethod.Post, "/api/v1/platform/tenants",
            "{\"slug\":\"half-made\",\"name\":\"Half\",\"adminUsername\":\"Admin,Operator\",\"adminPassword\":\"long-enough-password\"}");

        Assert.Contains("adminUsername", problem.Detail, StringComparison.Ordinal);
        var tenants = await platform.GetFromJsonAsync<JsonElement>("/api/v1/platform/tenants");
        Assert.DoesNotContain(tenants.EnumerateArray(), t => t.GetProperty("slug").GetString() == "half-made");
    }

    private static Task<Problem> PutAsync(HttpClient http, string path, string body) => SendAsync(http, HttpMethod.Put, path, body);

    private static async Task<Problem> SendAsync(HttpClient http, HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Problem(problem.GetProperty("detail").GetString() ?? "");
    }

    private sealed record Problem(string Detail);
}
