using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Messages;

/// <summary>A point on the map (degrees; always finite).</summary>
public sealed record LocationContent(
    [property: Range(-90d, 90d)] double Latitude,
    [property: Range(-180d, 180d)] double Longitude) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => "";
}
