using Conversations.Abstractions.Customers;

namespace Conversations.Grains.Outbound;

/// <summary>A channel rule's answer to one message the business starts on one channel.</summary>
/// <param name="Allowed">True when the message may go.</param>
/// <param name="Rule">The rule that decided (<see cref="Abstractions.Outbound.OutboundRuleNames"/>).</param>
/// <param name="Reason">Why, in words for the caller.</param>
/// <param name="Identity">The identity the message goes to, when allowed.</param>
internal sealed record OutboundVerdict(bool Allowed, string Rule, string Reason, ChannelIdentity? Identity = null);
