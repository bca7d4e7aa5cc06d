namespace Conversations.Api.Contracts.Bot;

/// <summary>A tenant's FAQ at one version.</summary>
public sealed record KnowledgeBase(
    long Version,
    IReadOnlyList<KnowledgeEntry> Entries);
