using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>
/// A message (messages_base_message): ids, author, peer, text, button payload, attachments and a point; for a message
/// of the community, <c>admin_author_id</c> is the admin who typed it in VK's interface (absent when sent through the API);
/// <c>ref</c> and <c>ref_source</c> are the parameters of the <c>vk.me/…?ref=…&amp;ref_source=…</c> link the user came by.
/// </summary>
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
    [property: JsonPropertyName("update_time")] long? UpdateTime,
    [property: JsonPropertyName("admin_author_id")] long? AdminAuthorId = null,
    [property: JsonPropertyName("ref")] string? Ref = null,
    [property: JsonPropertyName("ref_source")] string? RefSource = null);
