using Conversations.Api.Contracts.Operators;

namespace Conversations.Api.Contracts.Auth;

/// <summary>A signed-in operator's token.</summary>
public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, OperatorInfo Operator);
