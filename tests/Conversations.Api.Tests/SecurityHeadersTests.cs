using System.Net.Http.Json;

namespace Conversations.Api.Tests;

/// <summary>Answers carrying tokens and secrets are never cached; no answer is sniffed as another type.</summary>
public sealed class SecurityHeadersTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_login_answer_with_its_token_is_not_stored_by_any_cache_and_not_sniffed()
    {
        using var http = fixture.NewClient();

        using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { tenant = "demo", username = "demo", password = "demo-password" });

        response.EnsureSuccessStatusCode();
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store on the login answer");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_settings_with_the_webhook_secret_are_not_stored_by_any_cache()
    {
        using var admin = await fixture.DemoAsync();

        using var response = await admin.Http.GetAsync("/api/v1/admin/settings");

        response.EnsureSuccessStatusCode();
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store on the settings");
    }

    [Fact]
    public async Task A_refusal_is_not_cached_either_and_is_not_sniffed()
    {
        using var http = fixture.NewClient();

        using var response = await http.GetAsync("/api/v1/admin/settings");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store on a refusal");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/widget/widget.js")]
    [InlineData("/console")]
    public async Task Static_assets_keep_their_own_caching_and_are_not_sniffed(string path)
    {
        using var http = fixture.NewClient();

        using var response = await http.GetAsync(path);

        response.EnsureSuccessStatusCode();
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
