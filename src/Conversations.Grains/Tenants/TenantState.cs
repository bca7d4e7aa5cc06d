using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Tenants;

namespace Conversations.Grains.Tenants;

/// <summary>Stored state of one tenant.</summary>
[GenerateSerializer, Alias("conv.TenantState")]
public sealed class TenantState
{
    /// <summary>Who the tenant is; null until initialised.</summary>
    [Id(0)]
    public TenantInfo? Info { get; set; }

    /// <summary>Connected channel accounts.</summary>
    [Id(1)]
    public List<ChannelAccountKey> ChannelAccounts { get; set; } = [];

    /// <summary>Settings; null means the defaults.</summary>
    [Id(2)]
    public TenantSettings? Settings { get; set; }

    /// <summary>Operators by username.</summary>
    [Id(3)]
    public Dictionary<string, Guid> Operators { get; set; } = new(StringComparer.Ordinal);

    /// <summary>API keys by SHA-256 of the key.</summary>
    [Id(4)]
    public Dictionary<string, ApiKeyInfo> ApiKeys { get; set; } = new(StringComparer.Ordinal);
}
