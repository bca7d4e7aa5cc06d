namespace Conversations.Api.Contracts.Customers;

/// <summary>
/// A one-time token for a customer and the deep links that carry it: the person who opens one (and writes, or presses
/// Start) in that messenger becomes the same customer and the conversation continues there. The token works once,
/// within its tenant, until <see cref="ExpiresAt"/>.
/// </summary>
/// <param name="Token">The token (<c>cl_</c> and 43 characters of <c>A-Za-z0-9_-</c>); shown once, stored only as its hash.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="Links">One per connected, enabled account of a messenger that has deep links (empty when the tenant has none).</param>
public sealed record ContinueLinks(string Token, DateTimeOffset ExpiresAt, IReadOnlyList<ContinueLink> Links);
