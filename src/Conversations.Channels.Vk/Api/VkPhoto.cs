using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A photo (photos_photo): ids and its sizes.</summary>
public sealed record VkPhoto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("owner_id")] long OwnerId,
    [property: JsonPropertyName("sizes")] IReadOnlyList<VkImage>? Sizes);
