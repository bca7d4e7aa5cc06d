using Conversations.Abstractions.Tenants;

namespace Conversations.Grains.Tenants;

/// <summary>Stored state of the tenant directory: every tenant by slug.</summary>
[GenerateSerializer, Alias("conv.TenantDirectoryState")]
public sealed class TenantDirectoryState
{
    /// <summary>Tenants by slug.</summary>
    [Id(0)]
    public Dictionary<string, TenantInfo> BySlug { get; set; } = new(StringComparer.Ordinal);
}
