namespace Conversations.Abstractions.Customers;

/// <summary>What a customer who was merged into another hands over: everything the survivor takes under the conflict rule.</summary>
/// <param name="Profile">The absorbed customer's profile at the merge.</param>
/// <param name="LastConversationId">Their conversation that closed last, if any.</param>
/// <param name="AttributeSetAt">When each attribute was last set, where known.</param>
/// <param name="NameSetAt">When the name was last set, where known.</param>
/// <param name="NameVerified">True when the business's system or an operator set the name (not a channel's display name).</param>
/// <param name="Redirects">Identities the absorbed customer had split out earlier, and where they went.</param>
[GenerateSerializer, Immutable, Alias("conv.AbsorbedCustomer")]
public sealed record AbsorbedCustomer(
    [property: Id(0)] CustomerProfile Profile,
    [property: Id(1)] Guid? LastConversationId,
    [property: Id(2)] IReadOnlyDictionary<string, DateTimeOffset> AttributeSetAt,
    [property: Id(3)] DateTimeOffset? NameSetAt,
    [property: Id(4)] bool NameVerified,
    [property: Id(5)] IReadOnlyList<IdentityRedirect> Redirects);
