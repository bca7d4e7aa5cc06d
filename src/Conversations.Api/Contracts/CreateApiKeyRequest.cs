using Conversations.Abstractions.Operators;

namespace Conversations.Api.Contracts;

/// <summary>A new API key.</summary>
public sealed record CreateApiKeyRequest(string? Name, OperatorRole Role = OperatorRole.Operator);
