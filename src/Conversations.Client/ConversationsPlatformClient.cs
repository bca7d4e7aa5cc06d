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
    public Task<TenantCreated> CreateTenantAsync(string slug, string name, string adminUsername, string adminPassword, string? adminDisplayName = null,
        CancellationToken cancellationToken = default) =>
        _api.SendAsync<TenantCreated>(HttpMethod.Post, "api/v1/platform/tenants",
            new CreateTenantRequest(slug, name, adminUsername, adminPassword, adminDisplayName), cancellationToken);

    /// <summary>Every tenant.</summary>
    public Task<IReadOnlyList<TenantInfo>> ListTenantsAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<TenantInfo>>(HttpMethod.Get, "api/v1/platform/tenants", null, cancellationToken);
}
