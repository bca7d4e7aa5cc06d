namespace Conversations.Abstractions.Bot;

/// <summary>An FAQ entry: ways customers ask a question, and the answer.</summary>
/// <param name="Id">Its id (letters, digits, dashes).</param>
/// <param name="Questions">Question variants.</param>
/// <param name="Answer">The answer the bot gives.</param>
[GenerateSerializer, Immutable, Alias("conv.KnowledgeEntry")]
public sealed record KnowledgeEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<string> Questions,
    [property: Id(2)] string Answer);
