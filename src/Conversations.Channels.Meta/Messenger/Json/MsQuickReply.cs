using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.Messenger.Json;

/// <summary>The quick reply a person tapped. Written from developers.facebook.com/docs/messenger-platform/reference/webhook-events.</summary>
internal sealed class MsQuickReply
{
    [JsonPropertyName("payload")]
    public string? Payload { get; init; }
}
