using System.Text.Json.Serialization;

namespace Conversations.Deploy.Tests.Monitoring;

/// <summary>The rule groups: the same shape as a Prometheus rule file, which is how promtool reads them.</summary>
internal sealed class PrometheusRuleSpec
{
    [JsonPropertyName("groups")]
    public List<RuleGroup> Groups { get; set; } = [];
}
