namespace Conversations.Abstractions.Customers;

/// <summary>Whether a customer id names a customer of its own, a redirect to the customer it was merged into, or nothing.</summary>
/// <param name="Exists">False when no customer has this id.</param>
/// <param name="MergedInto">The survivor when the customer was merged into another.</param>
[GenerateSerializer, Immutable, Alias("conv.CustomerStanding")]
public sealed record CustomerStanding(
    [property: Id(0)] bool Exists,
    [property: Id(1)] Guid? MergedInto);
