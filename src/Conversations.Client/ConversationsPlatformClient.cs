using Conversations.Api.Contracts.Platform;
using Conversations.Api.Contracts.Tenants;

namespace Conversations.Client;

/// <summary>The platform administrator's client (<c>/api/v1/platform</c>, authenticated by the <c>X-Platform-Key</c> header).</summary>
public sealed class ConversationsPlatformClient
{
    private readonly ApiConnection _api;

    /// <summary>A client over <paramref name="http"/> (its BaseAddress is the server) with the platform key.</summary>
    public ConversationsPlatformClient(HttpClient http, string platformKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(platformKey);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("Set the HttpClient's BaseAddress to the server's address.", nameof(http));
        }

        _api = new ApiConnection(http, request => request.Headers.Add("X-Platform-Key", platformKey));
    }

    /// <summary>Creates a tenant with its first admin (password of at least 8 characters).</summary>
    /// <remarks><paramref name="plan"/>: the plan to put it on; null: the server's default plan, if it has one.</remarks>
    public Task<TenantCreated> CreateTenantAsync(string slug, string name, string adminUsername, string adminPassword, string? adminDisplayName = null,
        string? plan = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<TenantCreated>(HttpMethod.Post, "api/v1/platform/tenants",
            new CreateTenantRequest(slug, name, adminUsername, adminPassword, adminDisplayName, Plan: plan), cancellationToken);

    /// <summary>Every plan.</summary>
    public Task<IReadOnlyList<Plan>> ListPlansAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<Plan>>(HttpMethod.Get, "api/v1/platform/plans", null, cancellationToken);

    /// <summary>One plan (404 when there is none of that name).</summary>
    public Task<Plan> GetPlanAsync(string name, CancellationToken cancellationToken = default) =>
        _api.SendAsync<Plan>(HttpMethod.Get, $"api/v1/platform/plans/{Uri.EscapeDataString(name)}", null, cancellationToken);

    /// <summary>Creates or replaces a plan; tenants on it follow within seconds.</summary>
    public Task<Plan> SetPlanAsync(string name, SetPlanRequest plan, CancellationToken cancellationToken = default) =>
        _api.SendAsync<Plan>(HttpMethod.Put, $"api/v1/platform/plans/{Uri.EscapeDataString(name)}", plan, cancellationToken);

    /// <summary>The plan a tenant is on.</summary>
    public Task<TenantPlanAssignment> GetTenantPlanAsync(string slug, CancellationToken cancellationToken = default) =>
        _api.SendAsync<TenantPlanAssignment>(HttpMethod.Get, $"api/v1/platform/tenants/{Uri.EscapeDataString(slug)}/plan", null, cancellationToken);

    /// <summary>Puts a tenant on a plan; null takes it off any plan (unbounded).</summary>
    public Task<TenantPlanAssignment> AssignPlanAsync(string slug, string? plan, CancellationToken cancellationToken = default) =>
        _api.SendAsync<TenantPlanAssignment>(HttpMethod.Put, $"api/v1/platform/tenants/{Uri.EscapeDataString(slug)}/plan", new AssignPlanRequest(plan),
            cancellationToken);

    /// <summary>Every tenant.</summary>
    public Task<IReadOnlyList<TenantInfo>> ListTenantsAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<TenantInfo>>(HttpMethod.Get, "api/v1/platform/tenants", null, cancellationToken);
}
