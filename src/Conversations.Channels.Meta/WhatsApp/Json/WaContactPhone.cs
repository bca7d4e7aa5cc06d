using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>A contact card's phone. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaContactPhone
{
    [JsonPropertyName("phone")]
    public string? Phone { get; init; }

    [JsonPropertyName("wa_id")]
    public string? WaId { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}
