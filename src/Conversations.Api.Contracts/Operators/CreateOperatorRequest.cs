namespace Conversations.Api.Contracts.Operators;

/// <summary>A new operator.</summary>
public sealed record CreateOperatorRequest(string? Username, string? DisplayName, OperatorRole Role = OperatorRole.Operator, int Capacity = 5, string? Password = null);
