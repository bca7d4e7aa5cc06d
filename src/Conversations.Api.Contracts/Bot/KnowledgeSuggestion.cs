namespace Conversations.Api.Contracts.Bot;

/// <summary>A question the bot could not answer and an operator's answer to it, proposed as a new FAQ entry.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Question">The customer's question.</param>
/// <param name="Answer">The operator's answer.</param>
/// <param name="ConversationId">Where it happened.</param>
/// <param name="ProposedAt">When.</param>
public sealed record KnowledgeSuggestion(
    Guid Id,
    string Question,
    string Answer,
    Guid ConversationId,
    DateTimeOffset ProposedAt);
