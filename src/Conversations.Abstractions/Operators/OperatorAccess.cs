namespace Conversations.Abstractions.Operators;

/// <summary>What a signed-in operator's token is checked against on every request.</summary>
/// <param name="Role">The current role.</param>
/// <param name="SecurityStamp">
/// Goes up whenever the password or the role changes; a token carries the stamp it was issued with and is refused
/// once they differ.
/// </param>
[GenerateSerializer, Immutable, Alias("conv.OperatorAccess")]
public sealed record OperatorAccess(
    [property: Id(0)] OperatorRole Role,
    [property: Id(1)] long SecurityStamp);
