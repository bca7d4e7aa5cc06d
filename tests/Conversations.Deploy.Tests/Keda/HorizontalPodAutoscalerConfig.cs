using System.Text.Json.Serialization;
using k8s.Models;

namespace Conversations.Deploy.Tests.Keda;

/// <summary>The HPA's scaling behaviour (the autoscaling/v2 type).</summary>
internal sealed class HorizontalPodAutoscalerConfig
{
    [JsonPropertyName("behavior")]
    public V2HorizontalPodAutoscalerBehavior? Behavior { get; set; }
}
