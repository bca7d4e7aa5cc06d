using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.Messenger.Json;

/// <summary>Where the person came from: an m.me link or ad with a <c>ref</c>. Written from developers.facebook.com/docs/messenger-platform/reference/webhook-events.</summary>
internal sealed class MsReferral
{
    [JsonPropertyName("ref")]
    public string? Ref { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}
