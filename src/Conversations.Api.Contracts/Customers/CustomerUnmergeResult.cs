namespace Conversations.Api.Contracts.Customers;

/// <summary>What an unmerge did.</summary>
/// <param name="Remaining">The customer the identities were split from.</param>
/// <param name="SplitOut">The new customer with the split identities, their verified contacts and their conversations.</param>
/// <param name="MovedConversations">The conversations that went with them.</param>
public sealed record CustomerUnmergeResult(CustomerProfile Remaining, CustomerProfile SplitOut, IReadOnlyList<Guid> MovedConversations);
