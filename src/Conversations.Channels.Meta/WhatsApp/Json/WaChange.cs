using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>One change: the subscribed <c>field</c> ("messages") and its <c>value</c>. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaChange
{
    [JsonPropertyName("field")]
    public string? Field { get; init; }

    [JsonPropertyName("value")]
    public WaValue? Value { get; init; }
}
