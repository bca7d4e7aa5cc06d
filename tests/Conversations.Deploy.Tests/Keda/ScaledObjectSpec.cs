using System.Text.Json.Serialization;

namespace Conversations.Deploy.Tests.Keda;

/// <summary>What KEDA scales, between which counts, how, and on which triggers.</summary>
internal sealed class ScaledObjectSpec
{
    [JsonPropertyName("scaleTargetRef")]
    public ScaleTarget ScaleTargetRef { get; set; } = new();

    [JsonPropertyName("pollingInterval")]
    public int? PollingInterval { get; set; }

    [JsonPropertyName("cooldownPeriod")]
    public int? CooldownPeriod { get; set; }

    [JsonPropertyName("minReplicaCount")]
    public int? MinReplicaCount { get; set; }

    [JsonPropertyName("maxReplicaCount")]
    public int? MaxReplicaCount { get; set; }

    [JsonPropertyName("advanced")]
    public ScaledObjectAdvanced? Advanced { get; set; }

    [JsonPropertyName("triggers")]
    public List<ScaleTrigger> Triggers { get; set; } = [];
}
