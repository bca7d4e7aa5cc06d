using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A shared market item (market_market_item): title and its URL.</summary>
public sealed record VkMarketItem(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("owner_id")] long OwnerId,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("url")] string? Url);
