namespace Conversations.Abstractions.Customers;

/// <summary>What an unmerge did.</summary>
/// <param name="Remaining">The customer the identities were split from, after the unmerge.</param>
/// <param name="SplitOut">The new customer that has the split identities.</param>
/// <param name="MovedConversations">The conversations that went with them.</param>
[GenerateSerializer, Immutable, Alias("conv.CustomerUnmergeResult")]
public sealed record CustomerUnmergeResult(
    [property: Id(0)] CustomerProfile Remaining,
    [property: Id(1)] CustomerProfile SplitOut,
    [property: Id(2)] IReadOnlyList<Guid> MovedConversations);
