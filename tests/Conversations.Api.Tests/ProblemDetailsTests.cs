using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Api.Console;

namespace Conversations.Api.Tests;

/// <summary>Every 4xx of the API is a problem document in JSON, whatever the request said it accepts.</summary>
public sealed class ProblemDetailsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_event_stream_refuses_a_missing_token_with_a_problem_document_not_plain_text()
    {
        using var http = fixture.NewClient();

        var response = await SendAsync(http, "/api/v1/events", "text/event-stream");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_event_stream_refuses_an_api_key_with_a_problem_document_not_plain_text()
    {
        // The handler itself refuses (an exception turned into 422 by the exception handler, not a status-code page).
        using var http = await ApiKeyClientAsync("Operator");

        var response = await SendAsync(http, "/api/v1/events", "text/event-stream");

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_forbidden_request_that_accepts_only_an_event_stream_gets_a_problem_document()
    {
        using var http = await ApiKeyClientAsync("Operator");

        var response = await SendAsync(http, "/api/v1/admin/settings", "text/event-stream");

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unknown_path_asked_for_by_a_browser_gets_a_problem_document()
    {
        using var http = fixture.NewClient();

        var response = await SendAsync(http, "/api/v1/no-such-thing", "text/html");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return await http.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    private async Task<HttpClient> ApiKeyClientAsync(string role)
    {
        using var admin = await fixture.DemoAsync();
        var created = await (await admin.PostAsync("/api/v1/admin/api-keys", new { name = "problems-" + Guid.NewGuid().ToString("N")[..6], role }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var http = fixture.NewClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
        return http;
    }
}
