namespace Conversations.Api.Contracts.Customers;

/// <summary>A value the two merged customers disagreed on: the one kept and why, for an operator to check and correct.</summary>
/// <param name="Field"><c>name</c>, <c>externalId</c>, <c>attributes.{name}</c> or <c>consents.{purpose}</c>.</param>
/// <param name="Kept">The survivor's value now.</param>
/// <param name="Dropped">The other customer's value.</param>
/// <param name="Reason"><c>verified</c> (a name the business's system or an operator set beats a channel's), <c>newer</c> (the newer value wins) or <c>survivor</c> (no rule decides: the survivor's stays).</param>
public sealed record MergeConflict(string Field, string Kept, string Dropped, string Reason);
