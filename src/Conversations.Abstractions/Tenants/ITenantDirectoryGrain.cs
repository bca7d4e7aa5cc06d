namespace Conversations.Abstractions.Tenants;

/// <summary>The list of tenants and their unique slugs. A single grain, key <see cref="Key"/>.</summary>
public interface ITenantDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The key of the one directory grain.</summary>
    const string Key = "tenants";

    /// <summary>Creates a tenant with a unique slug; a taken slug is a conflict.</summary>
    Task<TenantInfo> CreateTenantAsync(string slug, string name);

    /// <summary>The tenant with this slug, or null.</summary>
    Task<TenantInfo?> FindBySlugAsync(string slug);

    /// <summary>All tenants, ordered by slug.</summary>
    Task<IReadOnlyList<TenantInfo>> ListAsync();
}
