using Conversations.Abstractions.Messages;
using Conversations.Channels.Media;
using Conversations.Persistence.Media;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Conversations.Channels.Email;

/// <summary>
/// Keeps a customer's attachment or inline image in the media store (<see cref="MediaIntake"/>: the tenant's size
/// limit, accepted types and quota) and makes it a message of its own, as other channels' files are: an image or a
/// document whose <see cref="MediaAttachment"/> is the stored file, or the reason it was refused (shown on the message).
/// Also keeps the whole mail as it came (<see cref="KeepOriginalAsync"/>), for the console's "original mail".
/// </summary>
public sealed partial class EmailFileIntake(MediaIntake intake, ILogger<EmailFileIntake> logger)
{
    /// <summary>The media type of a mail's original in the media store.</summary>
    public const string OriginalContentType = "message/rfc822";

    /// <summary>
    /// Keeps <paramref name="mail"/> whole (its MIME as read) in the media store under the tenant's size limit and quota;
    /// returns the file's id, or null when the store refused it (too large, over the quota: the operator still sees the
    /// mail's text and files, only its original is missing, and a log line says why).
    /// </summary>
    public async Task<Guid?> KeepOriginalAsync(Guid tenantId, MimeMessage mail, CancellationToken cancellationToken)
    {
        using var raw = new MemoryStream();
        await mail.WriteToAsync(raw, cancellationToken);
        var subject = EmailMessageMapper.Cut((mail.Subject ?? "").Trim(), 60);
        try
        {
            var stored = await intake.StoreKnownTypeAsync(tenantId, raw.ToArray(), OriginalContentType, $"{(subject.Length > 0 ? subject : "mail")}.eml", cancellationToken);
            return stored.MediaId;
        }
        catch (MediaRefusedException ex)
        {
            LogOriginalRefused(logger, tenantId, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// The content of <paramref name="part"/>, the <paramref name="index"/>th file of its mail, once kept (or refused),
    /// under <paramref name="caption"/> (an image's caption is its file name otherwise).
    /// </summary>
    public async Task<MessageContent> KeepAsync(Guid tenantId, MimePart part, int index, string? caption, CancellationToken cancellationToken)
    {
        MediaAttachment media;
        try
        {
            using var bytes = new MemoryStream();
            if (part.Content is { } content)
            {
                await content.DecodeToAsync(bytes, cancellationToken);
            }

            bytes.Position = 0;
            var stored = await intake.StoreAsync(tenantId, bytes, part.FileName, bytes.Length, cancellationToken);
            media = MediaAttachment.Stored(stored.MediaId, stored.ContentType, stored.Size);
        }
        catch (MediaRefusedException ex)
        {
            media = MediaAttachment.Refused(ex.Message);
        }

        // The reference names the file within its mail; the bytes are kept already, so nothing fetches it later.
        var reference = $"email-part:{index}";
        var name = part.FileName is { Length: > 0 } fileName ? EmailMessageMapper.Cut(fileName, EmailMessageMapper.MaxNameLength * 2) : null;
        return part.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase) && media.MediaId is not null
            ? new ImageContent(null, reference, caption ?? name, Media: media)
            : new DocumentContent(reference, name, part.ContentType.MimeType, caption, Media: media);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The original of a mail of tenant {TenantId} was not kept: {Reason}")]
    private static partial void LogOriginalRefused(ILogger logger, Guid tenantId, string reason);
}
