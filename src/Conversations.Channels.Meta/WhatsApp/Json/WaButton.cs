using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>A press of a template's quick-reply button. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaButton
{
    [JsonPropertyName("payload")]
    public string? Payload { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }
}
