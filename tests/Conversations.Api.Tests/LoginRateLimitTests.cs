using System.Net;
using System.Net.Http.Json;

namespace Conversations.Api.Tests;

/// <summary>Login attempts are rate limited (own host, so other tests keep their budget).</summary>
public sealed class LoginRateLimitTests(LoginRateLimitTests.DefaultLimitsFixture fixture) : IClassFixture<LoginRateLimitTests.DefaultLimitsFixture>
{
    [Fact]
    public async Task Repeated_failed_logins_are_rate_limited_with_a_problem_document()
    {
        using var http = fixture.NewClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 15; i++)
        {
            last = await http.PostAsJsonAsync("/api/v1/auth/login", new { tenant = "demo", username = "demo", password = "guess" + i });
            if (last.StatusCode == HttpStatusCode.TooManyRequests)
            {
                break;
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(last.Headers.RetryAfter);
    }

    /// <summary>The host with the production login limit (10 a minute per address).</summary>
    public sealed class DefaultLimitsFixture : ApiFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>();
    }
}
