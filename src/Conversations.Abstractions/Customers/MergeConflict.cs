namespace Conversations.Abstractions.Customers;

/// <summary>A value the two merged customers disagreed on: which one the merge kept and why, for an operator to check.</summary>
/// <param name="Field">What disagreed: <c>name</c>, <c>externalId</c>, <c>attributes.{name}</c>, <c>consents.{purpose}</c>.</param>
/// <param name="Kept">The value the survivor has now.</param>
/// <param name="Dropped">The other customer's value.</param>
/// <param name="Reason">The rule that chose: <c>verified</c> (a verified value beats an unverified one), <c>newer</c> (the newer value wins) or <c>survivor</c> (no rule decides: the survivor's stays).</param>
[GenerateSerializer, Immutable, Alias("conv.MergeConflict")]
public sealed record MergeConflict(
    [property: Id(0)] string Field,
    [property: Id(1)] string Kept,
    [property: Id(2)] string Dropped,
    [property: Id(3)] string Reason);
