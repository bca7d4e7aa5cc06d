namespace Conversations.Abstractions.Messages;

/// <summary>A point on the map.</summary>
[GenerateSerializer, Immutable, Alias("conv.LocationContent")]
public sealed record LocationContent(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => "";
}
