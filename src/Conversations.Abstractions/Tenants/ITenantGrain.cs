namespace Conversations.Tenants;

/// <summary>One business: its name and, as later features add them, settings, operators and channels. Keyed by tenant id.</summary>
public interface ITenantGrain : IGrainWithGuidKey
{
    /// <summary>Initialises a new tenant. Called by the directory only; a second call with other values is a conflict.</summary>
    Task<TenantInfo> InitializeAsync(string slug, string name);

    /// <summary>The tenant, or null when no tenant has this id.</summary>
    Task<TenantInfo?> GetAsync();
}
