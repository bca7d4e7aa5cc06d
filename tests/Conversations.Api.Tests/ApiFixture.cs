using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Console;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// The real host (embedded, on a loopback port) with the seeded demo tenant (admin "demo") and a second tenant
/// "rival" with its own admin and widget, for isolation checks.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public ConversationsApp App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new ConversationsApp(seedDemo: true, settings: Settings);
        BaseAddress = App.StartKestrel();
        using var platform = NewClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        // Wait for the seeding through the grains, not the login endpoint (whose attempts are rate limited).
        await Eventually.HoldsAsync(async () =>
            await App.Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync("demo") is { } demo
            && (await App.Grains.GetGrain<ITenantGrain>(demo.TenantId).GetOperatorsAsync()).ContainsKey("demo")
            && await App.Grains.GetGrain<IScenarioGrain>(demo.TenantId).GetCurrentAsync() is not null
            && (await App.Grains.GetGrain<IKnowledgeBaseGrain>(demo.TenantId).GetAsync()).Entries.Count > 0,
            "the demo tenant seeded", TimeSpan.FromSeconds(30));
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "rival", name = "Rival shop", adminUsername = "boss", adminPassword = "rival-password" })).EnsureSuccessStatusCode();
        (await platform.PostAsJsonAsync("/api/v1/platform/tenants/rival/widgets", new { title = "Rival", key = "rival" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Settings of the host; tests sign in often, so the login limit is raised (the rate-limit test keeps the default).</summary>
    // The fuzz runs (two seeds on one fixture) open widget sessions from one address; each new endpoint shifts the
    // generated mix, so the per-address session burst is raised here rather than tuned to today's operations.
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:LoginAttemptsPerMinute"] = "1000",
        ["AbuseLimits:WidgetSessionsPerIp:Burst"] = "1000",
    };

    public HttpClient NewClient() => new() { BaseAddress = BaseAddress };

    public Task<ApiSession> DemoAsync() => ApiSession.SignInAsync(NewClient(), "demo", "demo", "demo-password");

    public Task<ApiSession> RivalAsync() => ApiSession.SignInAsync(NewClient(), "rival", "boss", "rival-password");

    /// <summary>A widget visitor of <paramref name="widget"/> writes <paramref name="texts"/>; returns the conversation id.</summary>
    public async Task<Guid> VisitorWritesAsync(string widget, params string[] texts)
    {
        using var http = NewClient();
        var session = await (await http.PostAsJsonAsync($"/widget/v1/{widget}/session", new { })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
        Guid conversation = default;
        foreach (var text in texts)
        {
            var stored = await (await http.PostAsJsonAsync($"/widget/v1/{widget}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            conversation = stored.GetProperty("conversationId").GetGuid();
        }

        return conversation;
    }
}
