using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;

namespace Conversations.Grains.Customers;

/// <summary>Stored state of a channel identity: which customer it belongs to.</summary>
[GenerateSerializer, Alias("conv.ChannelIdentityState")]
public sealed class ChannelIdentityState
{
    /// <summary>The customer; null before the first message.</summary>
    [Id(0)]
    public Guid? CustomerId { get; set; }

    /// <summary>True once the customer grain knows this identity.</summary>
    [Id(1)]
    public bool Registered { get; set; }

    /// <summary>Where replies go.</summary>
    [Id(2)]
    public ChannelAddress? ReplyTo { get; set; }

    /// <summary>What the channel last told about the sender (re-registered when it changes).</summary>
    [Id(3)]
    public SenderProfile? LastSender { get; set; }

    /// <summary>When the first message came.</summary>
    [Id(4)]
    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>False when the customer blocked the bot.</summary>
    [Id(5)]
    public bool Reachable { get; set; } = true;

    /// <summary>Verified facts this identity claimed (<see cref="Abstractions.Customers.ContactOwnerKey"/>), so each is linked once.</summary>
    [Id(6)]
    public List<string> ClaimedFacts { get; set; } = [];

    /// <summary>What the channel vouched for about this identity, merged over its messages.</summary>
    [Id(7)]
    public Abstractions.Customers.VerifiedFacts? Verified { get; set; }

    /// <summary>What the customer's app last said it can show (VK client_info), or null.</summary>
    [Id(8)]
    public ChannelClientInfo? ClientInfo { get; set; }
}
