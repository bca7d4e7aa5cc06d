namespace Conversations.Abstractions.Bot;

/// <summary>Two FAQ entries whose phrasings are often nearer to the other entry than to their own.</summary>
/// <param name="First">One entry's id.</param>
/// <param name="Second">The other's.</param>
/// <param name="Count">How many phrasings of either went to the other when left out.</param>
/// <param name="Phrasings">The phrasings responsible (at most five).</param>
[GenerateSerializer, Immutable, Alias("conv.KnowledgeConfusablePair")]
public sealed record KnowledgeConfusablePair(
    [property: Id(0)] string First,
    [property: Id(1)] string Second,
    [property: Id(2)] int Count,
    [property: Id(3)] IReadOnlyList<KnowledgeConfusablePhrasing> Phrasings);
