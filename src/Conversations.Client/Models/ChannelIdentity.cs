namespace Conversations.Client.Models;

/// <summary>One of a customer's accounts on a channel.</summary>
/// <param name="Key">The identity.</param>
/// <param name="ReplyTo">Where messages to this identity go.</param>
/// <param name="Unreachable">True when the customer blocked the bot or the channel refuses delivery.</param>
/// <param name="FirstSeenAt">When the customer first wrote from this identity.</param>
public sealed record ChannelIdentity(ChannelIdentityKey Key, ChannelAddress ReplyTo, bool Unreachable, DateTimeOffset FirstSeenAt);
