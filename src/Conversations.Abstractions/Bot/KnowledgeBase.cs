namespace Conversations.Abstractions.Bot;

/// <summary>A tenant's FAQ at one version.</summary>
/// <param name="Version">Bumped with every change.</param>
/// <param name="Entries">The entries, by id.</param>
/// <param name="Policy">The policy the bot answers with: the calibration's when it is of this version, else null (the
/// bot then uses the default policy at the tenant's threshold).</param>
[GenerateSerializer, Immutable, Alias("conv.KnowledgeBase")]
public sealed record KnowledgeBase(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<KnowledgeEntry> Entries,
    [property: Id(2)] KnowledgePolicy? Policy = null);
