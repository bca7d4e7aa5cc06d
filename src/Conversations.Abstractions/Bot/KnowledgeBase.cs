namespace Conversations.Abstractions.Bot;

/// <summary>A tenant's FAQ at one version.</summary>
[GenerateSerializer, Immutable, Alias("conv.KnowledgeBase")]
public sealed record KnowledgeBase(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<KnowledgeEntry> Entries);
