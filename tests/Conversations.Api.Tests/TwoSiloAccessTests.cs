using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Api.Auth;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// Rights change on one silo and are enforced on the other at once: two full hosts form one cluster on PostgreSQL;
/// each request reaches the silo the test picks. Silo B has the credential cached before silo A changes it, so these
/// prove the cluster-wide invalidation, not only the read-through.
/// </summary>
public sealed class TwoSiloAccessTests(TwoSiloAccessTests.TwoSilos silos) : IClassFixture<TwoSiloAccessTests.TwoSilos>
{
    [Fact]
    public async Task A_demoted_admins_old_token_stops_working_on_the_other_silo_at_once_and_cannot_promote_itself_back()
    {
        var (id, username, password) = await silos.AddOperatorAsync("Admin");
        using var onB = await silos.SignInAsync(silos.B, username, password);
        Assert.Equal(HttpStatusCode.OK, (await onB.Http.GetAsync("/api/v1/admin/settings")).StatusCode); // cached on B

        (await silos.Boss.Http.PatchAsJsonAsync($"/api/v1/admin/operators/{id}", new { role = "Operator" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.Http.GetAsync("/api/v1/admin/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await onB.Http.PatchAsJsonAsync($"/api/v1/admin/operators/{id}", new { role = "Admin" })).StatusCode);
        using var again = await silos.SignInAsync(silos.B, username, password);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.Http.GetAsync("/api/v1/admin/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/api/v1/inbox")).StatusCode);
    }

    [Fact]
    public async Task A_password_change_on_one_silo_ends_the_old_token_on_the_other_at_once()
    {
        var (id, username, password) = await silos.AddOperatorAsync("Operator");
        using var onB = await silos.SignInAsync(silos.B, username, password);
        Assert.Equal(HttpStatusCode.OK, (await onB.Http.GetAsync("/api/v1/inbox")).StatusCode);

        (await silos.Boss.Http.PatchAsJsonAsync($"/api/v1/admin/operators/{id}", new { password = "a-new-password" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.Http.GetAsync("/api/v1/inbox")).StatusCode);
        using var withNewPassword = await silos.SignInAsync(silos.B, username, "a-new-password");
        Assert.Equal(HttpStatusCode.OK, (await withNewPassword.Http.GetAsync("/api/v1/inbox")).StatusCode);
    }

    [Fact]
    public async Task A_removed_operators_token_stops_working_on_the_other_silo_at_once_and_they_cannot_sign_in()
    {
        var (id, username, password) = await silos.AddOperatorAsync("Admin");
        using var onB = await silos.SignInAsync(silos.B, username, password);
        Assert.Equal(HttpStatusCode.OK, (await onB.Http.GetAsync("/api/v1/admin/settings")).StatusCode); // cached on B

        Assert.Equal(HttpStatusCode.NoContent, (await silos.Boss.Http.DeleteAsync($"/api/v1/admin/operators/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.Http.GetAsync("/api/v1/admin/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.Http.GetAsync("/api/v1/me")).StatusCode);
        using var login = silos.B.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await login.PostAsJsonAsync("/api/v1/auth/login", new { tenant = "shop", username, password })).StatusCode);
        var listed = await silos.Boss.GetAsync("/api/v1/admin/operators");
        Assert.DoesNotContain(listed.EnumerateArray(), o => o.GetProperty("operatorId").GetGuid() == id);
    }

    [Fact]
    public async Task A_renamed_operator_keeps_their_token()
    {
        var (id, username, password) = await silos.AddOperatorAsync("Operator");
        using var onB = await silos.SignInAsync(silos.B, username, password);

        (await silos.Boss.Http.PatchAsJsonAsync($"/api/v1/admin/operators/{id}", new { displayName = "Renamed", capacity = 7 })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await onB.Http.GetAsync("/api/v1/inbox")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_api_key_is_refused_on_the_other_silo_at_once_and_cannot_mint_a_new_key()
    {
        var created = await (await silos.Boss.PostAsync("/api/v1/admin/api-keys", new { name = "crm", role = "Admin" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        using var onB = silos.B.CreateClient();
        onB.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, created.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/admin/api-keys")).StatusCode); // cached on B

        (await silos.Boss.Http.DeleteAsync($"/api/v1/admin/api-keys/{created.GetProperty("info").GetProperty("id").GetGuid()}")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/v1/admin/api-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "mine now", role = "Admin" })).StatusCode);
    }

    /// <summary>Two hosts (silos A and B) of one cluster on a fresh database, a tenant and its admin signed in on A.</summary>
    public sealed class TwoSilos : IAsyncLifetime
    {
        private readonly PostgresDatabase _database = new();

        public ConversationsApp A { get; private set; } = null!;

        public ConversationsApp B { get; private set; } = null!;

        /// <summary>The tenant's admin, signed in on silo A (where every change is made).</summary>
        public ApiSession Boss { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            var cluster = new Dictionary<string, string?>
            {
                ["Orleans:ClusterId"] = "rights-" + Guid.NewGuid().ToString("N")[..8],
                ["Auth:LoginAttemptsPerMinute"] = "1000",
            };
            A = new ConversationsApp(_database.ConnectionString, seedDemo: false, settings: cluster);
            using (var platform = A.CreateClient())
            {
                platform.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
                (await platform.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "shop", name = "Shop", adminUsername = "boss", adminPassword = "boss-password" }))
                    .EnsureSuccessStatusCode();
            }

            B = new ConversationsApp(_database.ConnectionString, seedDemo: false, settings: cluster);
            _ = B.Server; // starts the host
            await Eventually.HoldsAsync(async () =>
                (await A.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2
                && A.Service<AccessCache>().IsSubscribed && B.Service<AccessCache>().IsSubscribed,
                "both silos in one cluster, each subscribed to credential changes", TimeSpan.FromSeconds(60));
            Boss = await SignInAsync(A, "boss", "boss-password");
        }

        public async Task DisposeAsync()
        {
            // A start that failed (the cluster did not form in time) leaves some of these unset: the cleanup must not
            // throw over them and hide why the start failed.
            Boss?.Dispose();
            if (B is not null)
            {
                await B.DisposeAsync();
            }

            if (A is not null)
            {
                await A.DisposeAsync();
            }

            await _database.DisposeAsync();
        }

        public Task<ApiSession> SignInAsync(ConversationsApp silo, string username, string password) =>
            ApiSession.SignInAsync(silo.CreateClient(), "shop", username, password);

        /// <summary>Adds an operator with <paramref name="role"/> (on silo A).</summary>
        public async Task<(Guid Id, string Username, string Password)> AddOperatorAsync(string role)
        {
            var username = "op" + Guid.NewGuid().ToString("N")[..8];
            var created = await (await Boss.PostAsync("/api/v1/admin/operators", new { username, displayName = username, role, capacity = 3, password = "first-password" }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            return (created.GetProperty("operatorId").GetGuid(), username, "first-password");
        }
    }
}
