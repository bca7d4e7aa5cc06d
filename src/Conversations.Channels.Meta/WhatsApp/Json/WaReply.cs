using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>The button or list row the user chose: the <c>id</c> we gave it and its <c>title</c>. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaReply
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }
}
