using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>One attachment of a message (messages_message_attachment): its <c>type</c> and the object of that type.</summary>
public sealed record VkAttachment(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("photo")] VkPhoto? Photo,
    [property: JsonPropertyName("doc")] VkDoc? Doc,
    [property: JsonPropertyName("audio_message")] VkAudioMessage? AudioMessage,
    [property: JsonPropertyName("sticker")] VkSticker? Sticker,
    [property: JsonPropertyName("wall")] VkWallPost? Wall,
    [property: JsonPropertyName("market")] VkMarketItem? Market,
    [property: JsonPropertyName("link")] VkLink? Link);
