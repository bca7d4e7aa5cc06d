using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Customers;

/// <summary>Which identities to split out of the customer named in the path, into a new customer of their own.</summary>
/// <param name="Identities">1 to 20 identities of the customer; at least one identity stays. Each takes the conversations the customer last wrote in from it.</param>
public sealed record UnmergeCustomerRequest(
    [property: MaxLength(UnmergeCustomerRequest.MaxIdentities)] IReadOnlyList<CustomerIdentityRef>? Identities)
{
    /// <summary>Most identities one unmerge splits out.</summary>
    public const int MaxIdentities = 20;
}
