namespace Conversations.Api.Contracts.Customers;

/// <summary>Which customer to merge into the one named in the path.</summary>
/// <param name="AbsorbedId">The customer merged away: its identities, conversations, contacts, consents and attributes move to the survivor, and its id answers the survivor from then on.</param>
public sealed record MergeCustomersRequest(Guid? AbsorbedId);
