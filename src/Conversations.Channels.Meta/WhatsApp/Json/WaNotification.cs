using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>A WhatsApp webhook body: <c>{"object":"whatsapp_business_account","entry":[...]}</c>. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaNotification
{
    [JsonPropertyName("object")]
    public string? Object { get; init; }

    [JsonPropertyName("entry")]
    public IReadOnlyList<WaEntry>? Entry { get; init; }
}
