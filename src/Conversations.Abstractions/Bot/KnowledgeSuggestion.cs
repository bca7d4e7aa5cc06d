namespace Conversations.Abstractions.Bot;

/// <summary>A question the bot could not answer and an operator's answer to it, proposed as a new FAQ entry.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Question">The customer's question.</param>
/// <param name="Answer">The operator's answer.</param>
/// <param name="ConversationId">Where it happened.</param>
/// <param name="ProposedAt">When.</param>
[GenerateSerializer, Immutable, Alias("conv.KnowledgeSuggestion")]
public sealed record KnowledgeSuggestion(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Question,
    [property: Id(2)] string Answer,
    [property: Id(3)] Guid ConversationId,
    [property: Id(4)] DateTimeOffset ProposedAt);
