using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A sticker (base_sticker_new): ids and its images.</summary>
public sealed record VkSticker(
    [property: JsonPropertyName("sticker_id")] long StickerId,
    [property: JsonPropertyName("product_id")] long ProductId,
    [property: JsonPropertyName("images")] IReadOnlyList<VkImage>? Images);
