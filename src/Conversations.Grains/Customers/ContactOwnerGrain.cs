using Conversations.Abstractions.Customers;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Customers;

/// <inheritdoc cref="IContactOwnerGrain" />
internal sealed class ContactOwnerGrain(
    [PersistentState("contact-owner", StorageNames.GrainState)] IPersistentState<ContactOwnerState> state) : Grain, IContactOwnerGrain
{
    /// <inheritdoc />
    public async Task<Guid> ClaimAsync(Guid candidate)
    {
        if (state.State.CustomerId is { } owner)
        {
            return owner;
        }

        state.State.CustomerId = candidate;
        await state.WriteStateAsync();
        return candidate;
    }

    /// <inheritdoc />
    public Task<Guid?> GetOwnerAsync() => Task.FromResult(state.State.CustomerId);

    /// <inheritdoc />
    public async Task TransferAsync(Guid from, Guid to)
    {
        if (state.State.CustomerId == from && from != to)
        {
            state.State.CustomerId = to;
            await state.WriteStateAsync();
        }
    }
}
