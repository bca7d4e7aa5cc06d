using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>One size of a photo or sticker (photos_photo_sizes, base_image): its URL and dimensions.</summary>
public sealed record VkImage(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height);
