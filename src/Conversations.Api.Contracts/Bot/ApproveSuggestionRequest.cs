namespace Conversations.Api.Contracts.Bot;

/// <summary>An admin's edits to a suggestion before it becomes an FAQ entry (null: keep as proposed).</summary>
public sealed record ApproveSuggestionRequest(string? Question = null, string? Answer = null);
