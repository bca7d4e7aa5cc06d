using System.Security.Cryptography;
using Conversations.Abstractions.Access;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Tenants;

/// <inheritdoc cref="ITenantGrain" />
internal sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.GrainState)] IPersistentState<TenantState> state,
    TenantSettingsCache settingsCache,
    IIdGenerator ids,
    TimeProvider time) : Grain, ITenantGrain
{
    /// <inheritdoc />
    public async Task<TenantInfo> InitializeAsync(string slug, string name)
    {
        if (state.State.Info is { } existing)
        {
            return existing.Slug == slug && existing.Name == name
                ? existing
                : throw DomainException.Conflict($"Tenant {existing.TenantId} is already initialised as '{existing.Slug}'.");
        }

        state.State.Info = new TenantInfo(this.GetPrimaryKey(), slug, name, time.GetUtcNow());
        await state.WriteStateAsync();
        return state.State.Info;
    }

    /// <inheritdoc />
    public Task<TenantInfo?> GetAsync() => Task.FromResult(state.State.Info);

    /// <inheritdoc />
    public Task<TenantSettings> GetSettingsAsync()
    {
        EnsureExists();
        return Task.FromResult(state.State.Settings ?? TenantSettings.Default);
    }

    /// <inheritdoc />
    public async Task<TenantSettings> UpdateSettingsAsync(TenantSettings settings)
    {
        EnsureExists();
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw DomainException.Invalid("The settings are not valid: " + string.Join(" ", problems));
        }

        if (!string.IsNullOrWhiteSpace(settings.NotificationWebhookUrl) && string.IsNullOrWhiteSpace(settings.WebhookSecret))
        {
            settings = settings with { WebhookSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant() };
        }

        var previousTarget = (state.State.Settings ?? TenantSettings.Default).FaqTargetPrecisionOrDefault;
        state.State.Settings = settings with
        {
            NotificationEmails = [.. settings.NotificationEmails.Select(e => e.Trim())],
            HandoffKeywords = [.. settings.HandoffKeywords.Select(k => k.Trim())],
        };
        await state.WriteStateAsync();
        settingsCache.Invalidate(this.GetPrimaryKey());
        if (settings.FaqTargetPrecisionOrDefault != previousTarget)
        {
            // One-way: the knowledge base recalibrates in the background for the new target.
            await GrainFactory.GetGrain<IKnowledgeBaseGrain>(this.GetPrimaryKey()).RecalibrateAsync(settings.FaqTargetPrecisionOrDefault);
        }

        return state.State.Settings;
    }

    /// <inheritdoc />
    public async Task<OperatorInfo> AddOperatorAsync(NewOperator newOperator)
    {
        EnsureExists();
        if (newOperator.Problems() is { Count: > 0 } problems)
        {
            throw DomainException.Invalid(string.Join(" ", problems));
        }

        var username = Validation.Username(newOperator.Username);
        if (state.State.Operators.ContainsKey(username))
        {
            throw DomainException.Conflict($"The username '{username}' is taken in this tenant.");
        }

        var operatorId = ids.NewId();
        var created = await GrainFactory.GetGrain<IOperatorGrain>(new OperatorKey(this.GetPrimaryKey(), operatorId).ToGrainKey())
            .CreateAsync(newOperator with { Username = username });
        state.State.Operators[username] = operatorId;
        await state.WriteStateAsync();
        return created;
    }

    /// <inheritdoc />
    public async Task RemoveOperatorAsync(Guid operatorId)
    {
        EnsureExists();
        var username = state.State.Operators.FirstOrDefault(o => o.Value == operatorId).Key ?? throw DomainException.NotFound("No such operator.");
        await GrainFactory.GetGrain<IOperatorGrain>(new OperatorKey(this.GetPrimaryKey(), operatorId).ToGrainKey()).RemoveAsync();
        state.State.Operators.Remove(username);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, Guid>> GetOperatorsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, Guid>>(new Dictionary<string, Guid>(state.State.Operators, StringComparer.Ordinal));

    /// <inheritdoc />
    public async Task<ApiKeyCreated> CreateApiKeyAsync(string name, OperatorRole role)
    {
        EnsureExists();
        name = Validation.Text(name, "API key name", 100);
        if (!Enum.IsDefined(role))
        {
            throw DomainException.Invalid("role: an API key's role is Operator, Admin or Agent.");
        }

        var key = $"cvk_{this.GetPrimaryKey():N}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant()}";
        // The first characters after "cvk_" name the tenant, the same for all its keys: the random end tells keys apart.
        var info = new ApiKeyInfo(ids.NewId(), name, role, $"{key[..4]}…{key[^12..]}", time.GetUtcNow());
        state.State.ApiKeys[ApiKeyFormat.Hash(key)] = info;
        await state.WriteStateAsync();
        return new ApiKeyCreated(info, key);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync() =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>([.. state.State.ApiKeys.Values.OrderBy(k => k.CreatedAt)]);

    /// <inheritdoc />
    public async Task RevokeApiKeyAsync(Guid id)
    {
        var hash = state.State.ApiKeys.FirstOrDefault(k => k.Value.Id == id).Key
            ?? throw DomainException.NotFound("No such API key.");
        state.State.ApiKeys.Remove(hash);
        await state.WriteStateAsync();

        // Every silo forgets the key before the revocation is acknowledged: it cannot be used again anywhere.
        await GrainFactory.GetGrain<IAccessChangesGrain>(IAccessChangesGrain.Key).PublishAsync(AccessChange.ApiKey(this.GetPrimaryKey(), hash));
    }

    /// <inheritdoc />
    public Task<ApiKeyInfo?> FindApiKeyAsync(string keyHash) => Task.FromResult(state.State.ApiKeys.GetValueOrDefault(keyHash));

    /// <inheritdoc />
    public async Task RecordApiKeyUseAsync(Guid id, DateTimeOffset at)
    {
        var (hash, info) = state.State.ApiKeys.FirstOrDefault(k => k.Value.Id == id);
        if (hash is null || info.LastUsedAt >= at)
        {
            return;
        }

        state.State.ApiKeys[hash] = info with { LastUsedAt = at };
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task AddChannelAccountAsync(ChannelAccountKey account)
    {
        EnsureExists();
        if (!state.State.ChannelAccounts.Contains(account))
        {
            state.State.ChannelAccounts.Add(account);
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task RemoveChannelAccountAsync(ChannelAccountKey account)
    {
        if (state.State.ChannelAccounts.Remove(account))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChannelAccountKey>> GetChannelAccountsAsync() =>
        Task.FromResult<IReadOnlyList<ChannelAccountKey>>([.. state.State.ChannelAccounts]);

    private void EnsureExists()
    {
        if (state.State.Info is null)
        {
            throw DomainException.NotFound($"Tenant {this.GetPrimaryKey()} does not exist.");
        }
    }
}
