using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A message (messages_base_message): ids, author, peer, text, button payload, attachments and a point.</summary>
public sealed record VkMessage(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("date")] long Date,
    [property: JsonPropertyName("peer_id")] long PeerId,
    [property: JsonPropertyName("from_id")] long FromId,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("payload")] string? Payload,
    [property: JsonPropertyName("attachments")] IReadOnlyList<VkAttachment>? Attachments,
    [property: JsonPropertyName("geo")] VkGeo? Geo,
    [property: JsonPropertyName("random_id")] long? RandomId,
    [property: JsonPropertyName("update_time")] long? UpdateTime);
