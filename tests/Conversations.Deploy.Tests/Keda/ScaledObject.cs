using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Conversations.Deploy.Tests.Keda;

/// <summary>
/// KEDA's <c>keda.sh/v1alpha1</c> ScaledObject as far as the chart uses it (fields from
/// https://keda.sh/docs/latest/reference/scaledobject-spec/), so the rendered chart loads strictly: a misspelt field fails.
/// </summary>
[KubernetesEntity(Group = "keda.sh", Kind = "ScaledObject", ApiVersion = "v1alpha1", PluralName = "scaledobjects")]
internal sealed class ScaledObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "keda.sh/v1alpha1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "ScaledObject";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ScaledObjectSpec Spec { get; set; } = new();
}
