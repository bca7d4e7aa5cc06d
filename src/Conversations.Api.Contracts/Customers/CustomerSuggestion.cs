namespace Conversations.Api.Contracts.Customers;

/// <summary>Another customer who may be the same person: they share a contact nobody verified, so they are not linked by themselves.</summary>
/// <param name="Customer">The other customer.</param>
/// <param name="SharedContacts">The phone numbers and e-mail addresses both have.</param>
public sealed record CustomerSuggestion(CustomerRecord Customer, IReadOnlyList<string> SharedContacts);
