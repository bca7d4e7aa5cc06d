using System.Security.Cryptography;
using Conversations.Abstractions.Common;
using Conversations.Persistence.Media;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Media;

/// <summary>
/// The one way a file enters the media store, whoever sends it (a channel's download, an operator's upload): read
/// whole but never past the tenant's size limit, type sniffed from the bytes, checked against the tenant's accepted
/// types and quota, name sanitised, stored once per tenant and checksum.
/// </summary>
public sealed class MediaIntake(IMediaStore store, IOptions<MediaOptions> options, IIdGenerator ids, TimeProvider time)
{
    /// <summary>The limits of <paramref name="tenantId"/>.</summary>
    public MediaLimits LimitsOf(Guid tenantId) => options.Value.For(tenantId);

    /// <summary>
    /// Stores <paramref name="content"/> for <paramref name="tenantId"/>. Throws <see cref="MediaRefusedException"/>
    /// with the reason and the limit when the file is empty, too large, of a type the tenant does not accept, or over
    /// the quota. <paramref name="declaredLength"/> (when the sender states one) refuses an oversized file unread.
    /// </summary>
    public async Task<StoredMedia> StoreAsync(Guid tenantId, Stream content, string? fileName, long? declaredLength, CancellationToken cancellationToken)
    {
        var limits = LimitsOf(tenantId);
        if (declaredLength > limits.MaxFileBytes)
        {
            throw TooLarge(declaredLength.Value, limits);
        }

        var bytes = await ReadAtMostAsync(content, limits, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new MediaRefusedException(MediaRefusal.Empty, "The file is empty.");
        }

        var name = MediaFileName.Sanitize(fileName);
        var type = MediaSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, MediaSniffer.HeaderLength)), name);
        if (!limits.Allows(type))
        {
            throw new MediaRefusedException(MediaRefusal.TypeNotAllowed,
                $"Files of type {type} (told from the file's bytes, not its name) are not accepted; accepted: {string.Join(", ", limits.AllowedTypes)}.");
        }

        var upload = new MediaUpload(ids.NewId(), tenantId, bytes, SHA256.HashData(bytes), type, name, time.GetUtcNow());
        return await store.PutAsync(upload, limits.QuotaBytes, cancellationToken);
    }

    /// <summary>
    /// Stores <paramref name="bytes"/> of a type we know because we made or received them whole ourselves (a mail's raw
    /// original, <c>message/rfc822</c>) for <paramref name="tenantId"/>: under the tenant's size limit and quota like any
    /// file, but not sniffed or held to the accepted types (those are for files customers and operators send). Throws
    /// <see cref="MediaRefusedException"/> like <see cref="StoreAsync"/>.
    /// </summary>
    public async Task<StoredMedia> StoreKnownTypeAsync(Guid tenantId, byte[] bytes, string contentType, string? fileName, CancellationToken cancellationToken)
    {
        var limits = LimitsOf(tenantId);
        if (bytes.Length > limits.MaxFileBytes)
        {
            throw TooLarge(bytes.Length, limits);
        }

        if (bytes.Length == 0)
        {
            throw new MediaRefusedException(MediaRefusal.Empty, "The file is empty.");
        }

        var upload = new MediaUpload(ids.NewId(), tenantId, bytes, SHA256.HashData(bytes), contentType, MediaFileName.Sanitize(fileName), time.GetUtcNow());
        return await store.PutAsync(upload, limits.QuotaBytes, cancellationToken);
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream content, MediaLimits limits, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limits.MaxFileBytes)
            {
                throw TooLarge(buffer.Length + read, limits, atLeast: true);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static MediaRefusedException TooLarge(long size, MediaLimits limits, bool atLeast = false) => new(MediaRefusal.TooLarge,
        $"The file is {(atLeast ? "over " : "")}{size:N0} bytes; the largest accepted is {limits.MaxFileBytes:N0} bytes.");
}
