using Conversations.Api.Contracts.Operators;

namespace Conversations.Api.Contracts.Auth;

/// <summary>A signed-in operator's token.</summary>
/// <param name="AccessToken">The bearer token.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Language">The tenant's language (<c>ru</c>, <c>en</c>): the console's shared top bar speaks it.</param>
public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, OperatorInfo Operator, string? Language = null);
