using System.Text.Json.Serialization;

namespace Conversations.Deploy.Tests.Keda;

/// <summary>The scaled workload (same namespace).</summary>
internal sealed class ScaleTarget
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}
