using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Validation;

namespace Conversations.Api.Contracts.Operators;

/// <summary>Changes to an operator (null: unchanged).</summary>
public sealed record UpdateOperatorRequest(
    [property: MaxLength(FieldLimits.DisplayName)] string? DisplayName = null,
    OperatorRole? Role = null,
    [property: Range(1, FieldLimits.OperatorCapacity)] int? Capacity = null,
    [property: MaxLength(FieldLimits.PasswordMax)] string? Password = null,
    [property: MaxLength(FieldLimits.OperatorGroups), EachMaxLength(FieldLimits.Label)] IReadOnlyList<string>? Groups = null);
