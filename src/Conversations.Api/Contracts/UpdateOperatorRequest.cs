using Conversations.Abstractions.Operators;

namespace Conversations.Api.Contracts;

/// <summary>Changes to an operator (null: unchanged).</summary>
public sealed record UpdateOperatorRequest(string? DisplayName = null, OperatorRole? Role = null, int? Capacity = null, string? Password = null);
