using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Bot;

/// <summary>
/// An admin's edits to a suggestion before it becomes an FAQ entry (null: keep as proposed). With
/// <paramref name="EntryId"/>, the question is added as a phrasing of that existing entry instead (the entry keeps its
/// answer; <paramref name="Answer"/> must then be left out).
/// </summary>
/// <param name="Question">The question as it should be kept.</param>
/// <param name="Answer">The new entry's answer.</param>
/// <param name="EntryId">An existing entry that already answers the question (e.g. the suggestion's <c>closestEntryId</c>).</param>
public sealed record ApproveSuggestionRequest(
    [property: MaxLength(FieldLimits.FaqQuestion)] string? Question = null,
    [property: MaxLength(FieldLimits.FaqAnswer)] string? Answer = null,
    [property: MaxLength(FieldLimits.Identifier)] string? EntryId = null);
