using System.Security.Cryptography;
using Conversations.Abstractions.Platform;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Platform;

/// <inheritdoc cref="IPlatformSecretsGrain" />
internal sealed class PlatformSecretsGrain(
    [PersistentState("secrets", StorageNames.GrainState)] IPersistentState<PlatformSecretsState> state) : Grain, IPlatformSecretsGrain
{
    /// <inheritdoc />
    public async Task<byte[]> GetSigningKeyAsync()
    {
        if (state.State.SigningKey is null)
        {
            state.State.SigningKey = RandomNumberGenerator.GetBytes(32);
            await state.WriteStateAsync();
        }

        return state.State.SigningKey;
    }
}
