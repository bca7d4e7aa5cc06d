using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Messages;

/// <summary>
/// An image given by URL (outbound), by the channel's file id (inbound) or by our stored copy (<c>media</c>: fetched
/// from the channel after an inbound message was stored, or uploaded with <c>POST /api/v1/media</c>), with an optional caption.
/// </summary>
public sealed record ImageContent(
    [property: MaxLength(FieldLimits.Url)] string? Url,
    [property: MaxLength(FieldLimits.ChannelFileId)] string? FileId,
    [property: MaxLength(FieldLimits.Caption)] string? Caption = null,
    [property: MaxLength(FieldLimits.ButtonsPerMessage)] IReadOnlyList<Button>? Buttons = null,
    MediaAttachment? Media = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Caption ?? "";
}
