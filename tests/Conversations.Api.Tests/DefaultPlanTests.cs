using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// A new tenant goes on the plan its request names, else on the server's default plan (<c>Platform:DefaultPlan</c>), so a
/// platform can bound every new business from its first message; a plan that does not exist creates nothing.
/// </summary>
public sealed class DefaultPlanTests : IAsyncLifetime
{
    private static readonly object Budget = new { perSecond = 5, burst = 10, concurrent = 4 };
    private static readonly object Starter = new { inbound = Budget, api = Budget, outbound = Budget };

    private ConversationsApp _app = null!;
    private HttpClient _platform = null!;

    public Task InitializeAsync()
    {
        _app = new ConversationsApp(seedDemo: false, settings: new Dictionary<string, string?> { ["Platform:DefaultPlan"] = "starter" });
        _platform = new HttpClient { BaseAddress = _app.StartKestrel() };
        _platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _platform.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Without_the_default_plan_in_the_catalogue_a_tenant_is_refused_with_409_and_nothing_is_created()
    {
        var response = await CreateTenantAsync("noplan", plan: null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Platform:DefaultPlan = 'starter'", await DetailAsync(response), StringComparison.Ordinal);
        Assert.False(await TenantExistsAsync("noplan"));
    }

    [Fact]
    public async Task A_tenant_created_without_a_plan_goes_on_the_default_one_and_a_named_plan_wins()
    {
        (await _platform.PutAsJsonAsync("/api/v1/platform/plans/starter", Starter)).EnsureSuccessStatusCode();
        (await _platform.PutAsJsonAsync("/api/v1/platform/plans/business", Starter)).EnsureSuccessStatusCode();

        var defaulted = await CreateTenantAsync("small-shop", plan: null);
        var named = await CreateTenantAsync("big-shop", plan: "business");

        Assert.Equal(HttpStatusCode.Created, defaulted.StatusCode);
        Assert.Equal("starter", (await defaulted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan").GetString());
        Assert.Equal("starter", await PlanOfAsync("small-shop"));
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        Assert.Equal("business", await PlanOfAsync("big-shop"));
    }

    [Fact]
    public async Task A_named_plan_that_does_not_exist_is_a_400_naming_the_field_and_creates_nothing()
    {
        var response = await CreateTenantAsync("typo-shop", plan: "bussiness");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("plan: no plan named 'bussiness'", await DetailAsync(response), StringComparison.Ordinal);
        Assert.False(await TenantExistsAsync("typo-shop"));
    }

    private Task<HttpResponseMessage> CreateTenantAsync(string slug, string? plan) =>
        _platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug, name = slug, adminUsername = "admin", adminPassword = "admin-password", plan });

    private async Task<string?> PlanOfAsync(string slug) =>
        (await _platform.GetFromJsonAsync<JsonElement>($"/api/v1/platform/tenants/{slug}/plan")).GetProperty("plan").GetString();

    private async Task<bool> TenantExistsAsync(string slug) =>
        (await _platform.GetFromJsonAsync<JsonElement>("/api/v1/platform/tenants")).EnumerateArray().Any(t => t.GetProperty("slug").GetString() == slug);

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString() ?? "";
}
