using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Channels;

/// <inheritdoc cref="IChannelAccountGrain" />
internal sealed class ChannelAccountGrain(
    [PersistentState("account", StorageNames.GrainState)] IPersistentState<ChannelAccountState> state,
    TimeProvider time) : Grain, IChannelAccountGrain
{
    /// <inheritdoc />
    public async Task<ChannelAccount> ConnectAsync(ChannelAccount account)
    {
        var key = ChannelAccountKey.Parse(this.GetPrimaryKeyString());
        if (account.Key != key)
        {
            throw DomainException.Invalid($"Account {account.Key} sent to {key}.");
        }

        if (state.State.Account is { } existing && existing.TenantId != account.TenantId)
        {
            throw DomainException.Conflict($"This {key.Kind} account is already connected to another tenant; disconnect it there first.");
        }

        state.State.Account = account;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantGrain>(account.TenantId).AddChannelAccountAsync(key);
        await GrainFactory.GetGrain<IPollingRegistryGrain>((int)key.Kind)
            .SetPollingAsync(key, account.Enabled && account.Mode == InboundMode.Polling);
        return account;
    }

    /// <inheritdoc />
    public async Task<ChannelAccount?> DisableAsync(string reason)
    {
        if (state.State.Account is not { Enabled: true } account)
        {
            return null;
        }

        var disabled = account with { Enabled = false, DisabledReason = reason, DisabledAt = time.GetUtcNow() };
        state.State.Account = disabled;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPollingRegistryGrain>((int)account.Key.Kind).SetPollingAsync(account.Key, polling: false);
        return disabled;
    }

    /// <inheritdoc />
    public Task<ChannelAccount?> GetAsync() => Task.FromResult(state.State.Account);

    /// <inheritdoc />
    public async Task DisconnectAsync(Guid tenantId)
    {
        if (state.State.Account is not { } account || account.TenantId != tenantId)
        {
            throw DomainException.NotFound("No such channel account.");
        }

        state.State.Account = null;
        state.State.PollingOffset = 0;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantGrain>(tenantId).RemoveChannelAccountAsync(account.Key);
        await GrainFactory.GetGrain<IPollingRegistryGrain>((int)account.Key.Kind).SetPollingAsync(account.Key, polling: false);
    }

    /// <inheritdoc />
    public Task<long> GetPollingOffsetAsync() => Task.FromResult(state.State.PollingOffset);

    /// <inheritdoc />
    public async Task ConfirmPollingOffsetAsync(long offset)
    {
        if (offset > state.State.PollingOffset)
        {
            state.State.PollingOffset = offset;
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<bool> TryAcquirePollingLeaseAsync(string holder, TimeSpan duration)
    {
        // Leases live in memory only: after a restart every silo competes again, which is what we want.
        var now = time.GetUtcNow();
        if (state.State.LeaseHolder is { } current && current != holder && state.State.LeaseUntil > now)
        {
            return Task.FromResult(false);
        }

        state.State.LeaseHolder = holder;
        state.State.LeaseUntil = now + duration;
        return Task.FromResult(true);
    }
}
