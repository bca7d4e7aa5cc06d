namespace Conversations.Abstractions.Bot;

/// <summary>A phrasing that, left out of its entry, matched another entry best.</summary>
/// <param name="EntryId">The entry it belongs to.</param>
/// <param name="Text">The phrasing.</param>
/// <param name="MatchedId">The entry it matched instead.</param>
[GenerateSerializer, Immutable, Alias("conv.KnowledgeConfusablePhrasing")]
public sealed record KnowledgeConfusablePhrasing(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string Text,
    [property: Id(2)] string MatchedId);
