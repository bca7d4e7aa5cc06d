using Conversations.Abstractions.Channels;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Channels;

/// <inheritdoc cref="IPollingRegistryGrain" />
internal sealed class PollingRegistryGrain(
    [PersistentState("polling", StorageNames.GrainState)] IPersistentState<PollingRegistryState> state) : Grain, IPollingRegistryGrain
{
    /// <inheritdoc />
    public async Task SetPollingAsync(ChannelAccountKey account, bool polling)
    {
        var changed = polling
            ? !state.State.Accounts.Contains(account) && AddTo(account)
            : state.State.Accounts.Remove(account);
        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChannelAccountKey>> ListAsync() =>
        Task.FromResult<IReadOnlyList<ChannelAccountKey>>([.. state.State.Accounts]);

    private bool AddTo(ChannelAccountKey account)
    {
        state.State.Accounts.Add(account);
        return true;
    }
}
