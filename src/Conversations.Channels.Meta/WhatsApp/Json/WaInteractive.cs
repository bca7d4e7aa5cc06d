using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>A reply to an interactive message: <c>button_reply</c> or <c>list_reply</c>. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaInteractive
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("button_reply")]
    public WaReply? ButtonReply { get; init; }

    [JsonPropertyName("list_reply")]
    public WaReply? ListReply { get; init; }
}
