using System.Text.Json.Serialization;

namespace Conversations.Channels.Viber.Api;

/// <summary>A location message's point: <c>lat</c> and <c>lon</c> in degrees.</summary>
public sealed record ViberLocation(
    [property: JsonPropertyName("lat")] double Lat,
    [property: JsonPropertyName("lon")] double Lon);
