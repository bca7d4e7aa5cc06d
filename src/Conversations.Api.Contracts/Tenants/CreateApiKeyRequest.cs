using Conversations.Api.Contracts.Operators;

namespace Conversations.Api.Contracts.Tenants;

/// <summary>A new API key.</summary>
public sealed record CreateApiKeyRequest(string? Name, OperatorRole Role = OperatorRole.Operator);
