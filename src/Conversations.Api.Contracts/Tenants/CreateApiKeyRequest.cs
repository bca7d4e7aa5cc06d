using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Operators;

namespace Conversations.Api.Contracts.Tenants;

/// <summary>A new API key.</summary>
public sealed record CreateApiKeyRequest([property: MaxLength(FieldLimits.Name)] string? Name, OperatorRole Role = OperatorRole.Operator);
