using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Operators;

/// <summary>A new operator.</summary>
public sealed record CreateOperatorRequest(
    [property: MaxLength(FieldLimits.Identifier)] string? Username,
    [property: MaxLength(FieldLimits.DisplayName)] string? DisplayName,
    OperatorRole Role = OperatorRole.Operator,
    [property: Range(1, FieldLimits.OperatorCapacity)] int Capacity = 5,
    [property: MaxLength(FieldLimits.PasswordMax)] string? Password = null);
