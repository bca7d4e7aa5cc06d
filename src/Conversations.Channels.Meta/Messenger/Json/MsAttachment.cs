using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.Messenger.Json;

/// <summary>An attachment: its <c>type</c> (image, video, audio, file, ...) and payload URL. Written from developers.facebook.com/docs/messenger-platform/reference/webhook-events.</summary>
internal sealed class MsAttachment
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("payload")]
    public MsAttachmentPayload? Payload { get; init; }
}
