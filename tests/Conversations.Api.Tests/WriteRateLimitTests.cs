using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.Api.Tests;

/// <summary>An operator's changes are rate limited (20 a second after a burst of 40 by default), and the refusal says when to come back.</summary>
public sealed class WriteRateLimitTests(LoginRateLimitTests.DefaultLimitsFixture fixture) : IClassFixture<LoginRateLimitTests.DefaultLimitsFixture>
{
    [Fact]
    public async Task Writes_beyond_the_burst_get_a_429_whose_Retry_After_is_when_the_bucket_refills()
    {
        using var admin = await fixture.DemoAsync();
        var settings = await admin.GetAsync("/api/v1/admin/settings");

        var answers = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => admin.Http.PutAsJsonAsync("/api/v1/admin/settings", settings)));

        var odd = answers.Where(a => a.StatusCode is not HttpStatusCode.OK and not HttpStatusCode.TooManyRequests).ToList();
        Assert.True(odd.Count == 0, odd.Count == 0 ? "" : await odd[0].Content.ReadAsStringAsync());
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.InRange(r.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        var problem = await refused[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.Contains($"retry in {refused[0].Headers.RetryAfter!.Delta!.Value.TotalSeconds} s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
