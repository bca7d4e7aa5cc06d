using Conversations.Abstractions.Channels;

namespace Conversations.Abstractions.Customers;

/// <summary>One of a customer's accounts on a channel.</summary>
/// <param name="Key">The identity (tenant, channel, business account, external user id).</param>
/// <param name="ReplyTo">Where messages to this identity go.</param>
/// <param name="Unreachable">True when the customer blocked the bot or the channel refuses delivery.</param>
/// <param name="FirstSeenAt">When the customer first wrote from this identity.</param>
/// <param name="Verified">What the channel vouched for about this identity (phone, e-mail, external id), when anything.</param>
[GenerateSerializer, Immutable, Alias("conv.ChannelIdentity")]
public sealed record ChannelIdentity(
    [property: Id(0)] ChannelIdentityKey Key,
    [property: Id(1)] ChannelAddress ReplyTo,
    [property: Id(2)] bool Unreachable,
    [property: Id(3)] DateTimeOffset FirstSeenAt,
    [property: Id(4)] VerifiedFacts? Verified = null);
