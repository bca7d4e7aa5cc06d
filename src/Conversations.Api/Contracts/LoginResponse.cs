using Conversations.Abstractions.Operators;

namespace Conversations.Api.Contracts;

/// <summary>A signed-in operator's token.</summary>
public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, OperatorInfo Operator);
