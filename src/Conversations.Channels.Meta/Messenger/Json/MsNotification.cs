using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.Messenger.Json;

/// <summary>A Messenger Platform webhook body: <c>{"object":"page"|"instagram","entry":[...]}</c>. Written from developers.facebook.com/docs/messenger-platform/reference/webhook-events.</summary>
internal sealed class MsNotification
{
    [JsonPropertyName("object")]
    public string? Object { get; init; }

    [JsonPropertyName("entry")]
    public IReadOnlyList<MsEntry>? Entry { get; init; }
}
