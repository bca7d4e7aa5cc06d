using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>The status of a message we sent: sent, delivered, read or failed (with errors). Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaStatus
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("recipient_id")]
    public string? RecipientId { get; init; }

    [JsonPropertyName("biz_opaque_callback_data")]
    public string? BizOpaqueCallbackData { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<WaError>? Errors { get; init; }
}
