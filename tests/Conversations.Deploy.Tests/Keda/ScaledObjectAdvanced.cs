using System.Text.Json.Serialization;

namespace Conversations.Deploy.Tests.Keda;

/// <summary><c>advanced.horizontalPodAutoscalerConfig</c>: what KEDA copies into the HPA it creates.</summary>
internal sealed class ScaledObjectAdvanced
{
    [JsonPropertyName("horizontalPodAutoscalerConfig")]
    public HorizontalPodAutoscalerConfig? HorizontalPodAutoscalerConfig { get; set; }
}
