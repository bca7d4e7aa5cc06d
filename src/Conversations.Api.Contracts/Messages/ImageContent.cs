using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Messages;

/// <summary>An image given by URL (outbound) or by the channel's file id (inbound), with an optional caption.</summary>
public sealed record ImageContent(
    [property: MaxLength(FieldLimits.Url)] string? Url,
    [property: MaxLength(FieldLimits.ChannelFileId)] string? FileId,
    [property: MaxLength(FieldLimits.Caption)] string? Caption = null,
    [property: MaxLength(FieldLimits.ButtonsPerMessage)] IReadOnlyList<Button>? Buttons = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Caption ?? "";
}
