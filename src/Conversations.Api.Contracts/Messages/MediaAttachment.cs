using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Messages;

/// <summary>
/// The file behind an image or document as kept by our media store (download it at <c>/api/v1/media/{mediaId}</c>),
/// or why it is not kept. Absent on a customer's file while it is still being fetched from the channel.
/// </summary>
/// <param name="MediaId">The stored file, or null when it was refused or could not be fetched.</param>
/// <param name="ContentType">The type sniffed from the bytes.</param>
/// <param name="Size">Bytes (0 when not stored).</param>
/// <param name="Problem">Why the file is not stored, or null.</param>
public sealed record MediaAttachment(
    Guid? MediaId,
    [property: MaxLength(FieldLimits.ContentType)] string? ContentType,
    long Size,
    [property: MaxLength(FieldLimits.MediaProblem)] string? Problem = null);
