using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>A point attached to a message (base_geo).</summary>
public sealed record VkGeo([property: JsonPropertyName("coordinates")] VkCoordinates? Coordinates);
