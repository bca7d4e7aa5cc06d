namespace Conversations.Client.Models;

/// <summary>A signed-in operator's bearer token.</summary>
/// <param name="AccessToken">The token for the <c>Authorization: Bearer</c> header.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="Operator">Who signed in.</param>
public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, OperatorInfo Operator);
