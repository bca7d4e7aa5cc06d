using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Customers;

/// <inheritdoc cref="IContinueLinkTokenGrain" />
/// <remarks>
/// Spent and expired tokens are deleted from storage: a redelivered <c>/start</c> then finds nothing, which is harmless
/// because the identity that redeemed it already belongs to the customer.
/// </remarks>
internal sealed class ContinueLinkTokenGrain(
    [PersistentState("continueLink", StorageNames.GrainState)] IPersistentState<ContinueLinkTokenState> state,
    TimeProvider time) : Grain, IContinueLinkTokenGrain
{
    /// <inheritdoc />
    public async Task IssueAsync(Guid customerId, DateTimeOffset expiresAt)
    {
        if (state.RecordExists)
        {
            throw DomainException.Conflict("This link token was issued before.");
        }

        state.State.CustomerId = customerId;
        state.State.ExpiresAt = expiresAt;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<Guid?> RedeemAsync(ChannelIdentityKey identity)
    {
        if (identity.TenantId != ContinueLinkToken.TenantOf(this.GetPrimaryKeyString()) || state.State.CustomerId is not { } customerId)
        {
            return null;
        }

        var valid = time.GetUtcNow() < state.State.ExpiresAt;
        await state.ClearStateAsync();
        return valid ? customerId : null;
    }
}
