using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Bot;

/// <summary>An admin's edits to a suggestion before it becomes an FAQ entry (null: keep as proposed).</summary>
public sealed record ApproveSuggestionRequest(
    [property: MaxLength(FieldLimits.FaqQuestion)] string? Question = null,
    [property: MaxLength(FieldLimits.FaqAnswer)] string? Answer = null);
