using System.Text.Json.Serialization;

namespace Conversations.Deploy.Tests.Keda;

/// <summary>One trigger: its scaler type, an optional name, how its value is compared, and the scaler's settings.</summary>
internal sealed class ScaleTrigger
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("metricType")]
    public string? MetricType { get; set; }

    [JsonPropertyName("metadata")]
    public Dictionary<string, string> Metadata { get; set; } = [];
}
