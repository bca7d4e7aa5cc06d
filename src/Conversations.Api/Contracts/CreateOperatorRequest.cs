using Conversations.Abstractions.Operators;

namespace Conversations.Api.Contracts;

/// <summary>A new operator.</summary>
public sealed record CreateOperatorRequest(string? Username, string? DisplayName, OperatorRole Role = OperatorRole.Operator, int Capacity = 5, string? Password = null);
