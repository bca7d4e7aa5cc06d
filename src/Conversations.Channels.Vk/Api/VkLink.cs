using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A link attachment (base_link): URL and title.</summary>
public sealed record VkLink(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("title")] string? Title);
