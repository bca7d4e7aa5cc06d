using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Viber.Inbound;

/// <summary>The customer subscribed (reachable) or unsubscribed (unreachable: Viber refuses messages to them).</summary>
public sealed record ViberReachability(ChannelIdentityKey Identity, bool Reachable) : ViberInbound;
