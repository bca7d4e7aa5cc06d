using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>A WhatsApp user's profile. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaProfile
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
