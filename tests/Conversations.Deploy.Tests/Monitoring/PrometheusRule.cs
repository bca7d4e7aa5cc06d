using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Conversations.Deploy.Tests.Monitoring;

/// <summary>
/// The Prometheus Operator's <c>monitoring.coreos.com/v1</c> PrometheusRule, as far as the chart uses it (the CRD's
/// fields: https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusRule), so the
/// rendered chart loads strictly like the built-in kinds.
/// </summary>
[KubernetesEntity(Group = "monitoring.coreos.com", Kind = "PrometheusRule", ApiVersion = "v1", PluralName = "prometheusrules")]
internal sealed class PrometheusRule : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "monitoring.coreos.com/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "PrometheusRule";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public PrometheusRuleSpec Spec { get; set; } = new();
}
