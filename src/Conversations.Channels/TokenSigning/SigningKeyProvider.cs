using System.Text;
using Conversations.Abstractions.Platform;
using Microsoft.Extensions.Configuration;

namespace Conversations.Channels.TokenSigning;

/// <summary>
/// The key that signs visitor and operator tokens: <c>Auth:SigningKey</c> when configured (at least 32 characters),
/// otherwise the deployment's generated key from <see cref="IPlatformSecretsGrain"/>. Read once per silo.
/// </summary>
public sealed class SigningKeyProvider(IConfiguration configuration, IGrainFactory grains)
{
    private readonly Lock _gate = new();
    private Task<byte[]>? _key;

    /// <summary>The signing key.</summary>
    public Task<byte[]> GetAsync()
    {
        lock (_gate)
        {
            // A failed read (the silo was still starting) is not cached.
            if (_key is null || _key.IsFaulted || _key.IsCanceled)
            {
                _key = LoadAsync();
            }

            return _key;
        }
    }

    private async Task<byte[]> LoadAsync()
    {
        var configured = configuration["Auth:SigningKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Length >= 32
                ? Encoding.UTF8.GetBytes(configured)
                : throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters long.");
        }

        return await grains.GetGrain<IPlatformSecretsGrain>(IPlatformSecretsGrain.Key).GetSigningKeyAsync();
    }
}
