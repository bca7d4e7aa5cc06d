using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Platform;

/// <summary>Puts a tenant on a plan.</summary>
/// <param name="Plan">The plan's name; null takes the tenant off any plan (unbounded).</param>
public sealed record AssignPlanRequest([property: MaxLength(FieldLimits.Identifier)] string? Plan);
