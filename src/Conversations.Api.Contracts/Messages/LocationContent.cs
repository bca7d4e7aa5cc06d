namespace Conversations.Api.Contracts.Messages;

/// <summary>A point on the map.</summary>
public sealed record LocationContent(
    double Latitude,
    double Longitude) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => "";
}
