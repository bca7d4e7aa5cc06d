using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>A sender's profile: <c>wa_id</c> and <c>profile.name</c>. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaContact
{
    [JsonPropertyName("wa_id")]
    public string? WaId { get; init; }

    [JsonPropertyName("profile")]
    public WaProfile? Profile { get; init; }
}
