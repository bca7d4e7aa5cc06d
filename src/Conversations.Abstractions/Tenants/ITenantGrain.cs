namespace Conversations.Abstractions.Tenants;

/// <summary>One business: its name and, as later features add them, settings, operators and channels. Keyed by tenant id.</summary>
[Orleans.CodeGeneration.Version(1)] // 1: RecordApiKeyUseAsync (an older silo lacks it); see the README's upgrade rules
public interface ITenantGrain : IGrainWithGuidKey
{
    /// <summary>Initialises a new tenant. Called by the directory only; a second call with other values is a conflict.</summary>
    Task<TenantInfo> InitializeAsync(string slug, string name);

    /// <summary>The tenant, or null when no tenant has this id.</summary>
    Task<TenantInfo?> GetAsync();

    /// <summary>Records that a channel account now belongs to this tenant (called by the account grain).</summary>
    Task AddChannelAccountAsync(Channels.ChannelAccountKey account);

    /// <summary>Records that a channel account was disconnected.</summary>
    Task RemoveChannelAccountAsync(Channels.ChannelAccountKey account);

    /// <summary>The tenant's settings (defaults until changed).</summary>
    Task<TenantSettings> GetSettingsAsync();

    /// <summary>Replaces the settings; invalid values are refused with every problem listed.</summary>
    Task<TenantSettings> UpdateSettingsAsync(TenantSettings settings);

    /// <summary>Adds an operator (or admin) with a unique username; returns them.</summary>
    Task<Operators.OperatorInfo> AddOperatorAsync(Operators.NewOperator newOperator);

    /// <summary>Removes an operator (see <see cref="Operators.IOperatorGrain.RemoveAsync"/>); their username becomes free.</summary>
    Task RemoveOperatorAsync(Guid operatorId);

    /// <summary>The tenant's operators by username.</summary>
    Task<IReadOnlyDictionary<string, Guid>> GetOperatorsAsync();

    /// <summary>Creates an API key (format <c>cvk_{tenant}_{secret}</c>); the key is returned this once.</summary>
    Task<ApiKeyCreated> CreateApiKeyAsync(string name, Operators.OperatorRole role);

    /// <summary>The tenant's API keys (without secrets).</summary>
    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync();

    /// <summary>Revokes an API key.</summary>
    Task RevokeApiKeyAsync(Guid id);

    /// <summary>The key whose SHA-256 (lowercase hex) is <paramref name="keyHash"/>, or null.</summary>
    Task<ApiKeyInfo?> FindApiKeyAsync(string keyHash);

    /// <summary>
    /// Records that the API key <paramref name="id"/> was used at <paramref name="at"/> (ignored when not later than the
    /// recorded use, or for a key no longer there). Callers call it at most once a minute per key, never per request.
    /// </summary>
    Task RecordApiKeyUseAsync(Guid id, DateTimeOffset at);

    /// <summary>The tenant's channel accounts.</summary>
    Task<IReadOnlyList<Channels.ChannelAccountKey>> GetChannelAccountsAsync();
}
