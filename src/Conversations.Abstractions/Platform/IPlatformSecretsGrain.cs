namespace Conversations.Abstractions.Platform;

/// <summary>
/// Secrets the whole deployment shares (key <see cref="Key"/>): made once at random, stored with grain state, so every
/// silo signs and checks tokens with the same key without anyone having to configure one.
/// </summary>
public interface IPlatformSecretsGrain : IGrainWithStringKey
{
    /// <summary>The key of the one grain.</summary>
    const string Key = "platform";

    /// <summary>The 256-bit signing key for visitor and operator tokens, created on first use.</summary>
    Task<byte[]> GetSigningKeyAsync();
}
