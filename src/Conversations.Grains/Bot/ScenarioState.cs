using Conversations.Abstractions.Bot;

namespace Conversations.Grains.Bot;

/// <summary>Stored state of a tenant's scenario: the live version and the ones before it.</summary>
[GenerateSerializer, Alias("conv.ScenarioState")]
public sealed class ScenarioState
{
    /// <summary>Live version first, then older ones (at most 21).</summary>
    [Id(0)]
    public List<ScenarioVersion> Versions { get; set; } = [];

    /// <summary>The document saved without publishing, if any.</summary>
    [Id(1)]
    public ScenarioDraft? Draft { get; set; }
}
