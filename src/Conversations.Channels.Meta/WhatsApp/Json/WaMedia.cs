using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>A media object: the media <c>id</c> (fetched with GET /{media-id}), its type, and a caption or file name. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaMedia
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("mime_type")]
    public string? MimeType { get; init; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    [JsonPropertyName("caption")]
    public string? Caption { get; init; }

    [JsonPropertyName("filename")]
    public string? Filename { get; init; }

    [JsonPropertyName("voice")]
    public bool? Voice { get; init; }

    [JsonPropertyName("animated")]
    public bool? Animated { get; init; }
}
