namespace Conversations.Grains.Platform;

/// <summary>Stored state of the platform secrets.</summary>
[GenerateSerializer, Alias("conv.PlatformSecretsState")]
public sealed class PlatformSecretsState
{
    /// <summary>The signing key; null until first use.</summary>
    [Id(0)]
    public byte[]? SigningKey { get; set; }
}
