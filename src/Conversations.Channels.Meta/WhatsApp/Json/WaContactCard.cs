using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>A shared contact card. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaContactCard
{
    [JsonPropertyName("name")]
    public WaContactName? Name { get; init; }

    [JsonPropertyName("phones")]
    public IReadOnlyList<WaContactPhone>? Phones { get; init; }
}
