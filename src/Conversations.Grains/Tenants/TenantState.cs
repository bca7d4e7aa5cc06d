namespace Conversations.Tenants;

/// <summary>Stored state of one tenant.</summary>
[GenerateSerializer, Alias("conv.TenantState")]
public sealed class TenantState
{
    /// <summary>Who the tenant is; null until initialised.</summary>
    [Id(0)]
    public TenantInfo? Info { get; set; }

    /// <summary>Connected channel accounts.</summary>
    [Id(1)]
    public List<Channels.ChannelAccountKey> ChannelAccounts { get; set; } = [];
}
