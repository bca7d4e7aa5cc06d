namespace Conversations.Client.Models;

/// <summary>A point on the map.</summary>
public sealed record LocationContent(double Latitude, double Longitude) : MessageContent;
