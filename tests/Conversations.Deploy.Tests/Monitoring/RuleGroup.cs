using System.Text.Json.Serialization;

namespace Conversations.Deploy.Tests.Monitoring;

/// <summary>A named group of rules evaluated together.</summary>
internal sealed class RuleGroup
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("rules")]
    public List<Rule> Rules { get; set; } = [];
}
