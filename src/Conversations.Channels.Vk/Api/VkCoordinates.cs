using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>Latitude and longitude (base_geo_coordinates).</summary>
public sealed record VkCoordinates(
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude);
