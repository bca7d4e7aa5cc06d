namespace Conversations.Api.Contracts.Operators;

/// <summary>Changes to an operator (null: unchanged).</summary>
public sealed record UpdateOperatorRequest(string? DisplayName = null, OperatorRole? Role = null, int? Capacity = null, string? Password = null);
