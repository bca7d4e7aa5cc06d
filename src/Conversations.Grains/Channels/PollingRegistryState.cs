using Conversations.Abstractions.Channels;

namespace Conversations.Grains.Channels;

/// <summary>Stored state of a polling registry.</summary>
[GenerateSerializer, Alias("conv.PollingRegistryState")]
public sealed class PollingRegistryState
{
    /// <summary>Accounts to poll.</summary>
    [Id(0)]
    public List<ChannelAccountKey> Accounts { get; set; } = [];
}
