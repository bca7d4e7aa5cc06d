using Conversations.Abstractions.Channels;

namespace Conversations.Abstractions.Customers;

/// <summary>An identity an unmerge moved to another customer: calls about it that still reach the old customer go there.</summary>
/// <param name="Identity">The identity.</param>
/// <param name="CustomerId">The customer it belongs to now.</param>
[GenerateSerializer, Immutable, Alias("conv.IdentityRedirect")]
public sealed record IdentityRedirect(
    [property: Id(0)] ChannelIdentityKey Identity,
    [property: Id(1)] Guid CustomerId);
