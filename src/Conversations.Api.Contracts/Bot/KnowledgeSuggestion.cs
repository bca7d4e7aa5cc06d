namespace Conversations.Api.Contracts.Bot;

/// <summary>A question the bot could not answer and an operator's answer to it, proposed as a new FAQ entry.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Question">The customer's question.</param>
/// <param name="Answer">The operator's answer.</param>
/// <param name="ConversationId">Where it happened.</param>
/// <param name="ProposedAt">When.</param>
/// <param name="ClosestEntryId">
/// The existing entry the question comes closest to (the matcher's best, whether or not confident enough to answer), or
/// null; when the operator's answer says the same, approve the question into it (<c>entryId</c>) rather than as a new entry.
/// </param>
/// <param name="ClosestConfidence">The matcher's confidence for that entry (0–1).</param>
public sealed record KnowledgeSuggestion(
    Guid Id,
    string Question,
    string Answer,
    Guid ConversationId,
    DateTimeOffset ProposedAt,
    string? ClosestEntryId = null,
    double ClosestConfidence = 0);
