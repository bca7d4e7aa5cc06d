using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>An error in a webhook (a failed status, an unsupported message): <c>code</c>, <c>title</c>, <c>error_data.details</c>. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaError
{
    [JsonPropertyName("code")]
    public int? Code { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("error_data")]
    public WaErrorData? ErrorData { get; init; }
}
