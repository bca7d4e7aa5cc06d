using System.Text.Json.Serialization;

namespace Conversations.Channels.Meta.WhatsApp.Json;

/// <summary>The value of a messages change: the receiving number, the senders' profiles, messages, statuses and errors. Written from developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages.</summary>
internal sealed class WaValue
{
    [JsonPropertyName("messaging_product")]
    public string? MessagingProduct { get; init; }

    [JsonPropertyName("metadata")]
    public WaMetadata? Metadata { get; init; }

    [JsonPropertyName("contacts")]
    public IReadOnlyList<WaContact>? Contacts { get; init; }

    [JsonPropertyName("messages")]
    public IReadOnlyList<WaMessage>? Messages { get; init; }

    [JsonPropertyName("statuses")]
    public IReadOnlyList<WaStatus>? Statuses { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<WaError>? Errors { get; init; }
}
