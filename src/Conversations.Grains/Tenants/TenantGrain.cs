using Conversations.Channels;
using Conversations.Common;
using Conversations.Infrastructure;

namespace Conversations.Tenants;

/// <inheritdoc cref="ITenantGrain" />
internal sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.GrainState)] IPersistentState<TenantState> state,
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
