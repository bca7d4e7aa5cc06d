using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Messages;

/// <summary>A link with a title, shown as a link button where the channel has them.</summary>
public sealed record LinkContent(
    [property: MaxLength(FieldLimits.Url)] string Url,
    [property: MaxLength(FieldLimits.LinkTitle)] string Title,
    [property: MaxLength(FieldLimits.MessageText)] string? Text = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Text is null ? Title : $"{Text} {Title}";
}
