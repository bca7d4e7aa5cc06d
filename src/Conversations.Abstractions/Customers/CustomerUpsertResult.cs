namespace Conversations.Abstractions.Customers;

/// <summary>The outcome of a push of a customer under the business's own id.</summary>
/// <param name="Profile">The customer's profile after the push.</param>
/// <param name="Created">True when this push created the customer.</param>
[GenerateSerializer, Immutable, Alias("conv.CustomerUpsertResult")]
public sealed record CustomerUpsertResult(
    [property: Id(0)] CustomerProfile Profile,
    [property: Id(1)] bool Created);
