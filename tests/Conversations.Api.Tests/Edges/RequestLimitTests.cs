using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests.Edges;

/// <summary>
/// Requests beyond the server's limits get a problem document naming the limit (over real Kestrel, whose own limits
/// sit above ours so the request reaches the application), and <c>/metrics</c> can be put behind a key.
/// </summary>
public sealed class RequestLimitTests : IAsyncLifetime
{
    private const string MetricsKey = "metrics-key-for-the-test";
    private ConversationsApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = new ConversationsApp(seedDemo: false, settings: new Dictionary<string, string?> { ["Metrics:ApiKey"] = MetricsKey });
        _http = new HttpClient { BaseAddress = _app.StartKestrel() };
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_request_target_over_8_KiB_is_a_414_problem()
    {
        var response = await _http.GetAsync("/api/v1/me?q=" + new string('a', 9 * 1024));
        await AssertProblemAsync(response, HttpStatusCode.RequestUriTooLong, "Request target too long");
    }

    [Fact]
    public async Task More_than_100_headers_is_a_431_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        for (var i = 0; i < 120; i++)
        {
            request.Headers.Add($"X-Extra-{i}", "1");
        }

        await AssertProblemAsync(await _http.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "Too many request headers");
    }

    [Fact]
    public async Task Headers_over_32_KiB_are_a_431_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("X-Big", new string('b', 40 * 1024));
        await AssertProblemAsync(await _http.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "Request headers too large");
    }

    [Fact]
    public async Task Metrics_with_a_key_configured_need_the_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync("/metrics")).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(wrong)).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", MetricsKey) } };
        var scraped = await _http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }
}
