using Conversations.Abstractions.Bot;

namespace Conversations.Grains.Bot;

/// <summary>Stored state of a tenant's FAQ.</summary>
[GenerateSerializer, Alias("conv.KnowledgeBaseState")]
public sealed class KnowledgeBaseState
{
    /// <summary>Bumped with every change (caches compare it).</summary>
    [Id(0)]
    public long Version { get; set; }

    /// <summary>Entries by id.</summary>
    [Id(1)]
    public Dictionary<string, KnowledgeEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Pending suggestions learnt from operators.</summary>
    [Id(2)]
    public List<KnowledgeSuggestion> Suggestions { get; set; } = [];

    /// <summary>Customers' answers to "did you mean …?" waiting for an admin (bounded, oldest dropped first).</summary>
    [Id(3)]
    public List<KnowledgeChoice> Choices { get; set; } = [];

    /// <summary>The latest calibration (may be of an earlier version while a new one is computed).</summary>
    [Id(4)]
    public KnowledgeCalibration? Calibration { get; set; }
}
