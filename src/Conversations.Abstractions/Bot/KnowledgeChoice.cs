namespace Conversations.Abstractions.Bot;

/// <summary>A customer's answer to "did you mean …?": the question and the entry they chose, waiting for an admin to
/// approve it (the question becomes a phrasing of the entry) or reject it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Question">The customer's question.</param>
/// <param name="EntryId">The entry the customer chose.</param>
/// <param name="ConversationId">Where it happened.</param>
/// <param name="ChosenAt">When.</param>
[GenerateSerializer, Immutable, Alias("conv.KnowledgeChoice")]
public sealed record KnowledgeChoice(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Question,
    [property: Id(2)] string EntryId,
    [property: Id(3)] Guid ConversationId,
    [property: Id(4)] DateTimeOffset ChosenAt);
