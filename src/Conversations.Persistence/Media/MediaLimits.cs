namespace Conversations.Persistence.Media;

/// <summary>What one tenant may store.</summary>
public sealed class MediaLimits
{
    /// <summary>Largest file in bytes (default 20 MB: what Telegram's getFile serves, and a phone photo or a PDF fits).</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>All of the tenant's files together, in bytes (default 5 GB).</summary>
    public long QuotaBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>
    /// Content types accepted, as sniffed from the bytes; an entry ending in <c>/*</c> accepts a whole family. The
    /// default accepts photos, PDFs, plain text, office documents, archives, audio and video; executables, HTML,
    /// SVG and unknown bytes are refused.
    /// </summary>
    public IList<string> AllowedTypes { get; set; } =
    [
        "image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "text/plain", "application/zip",
        MediaSniffer.Docx, MediaSniffer.Xlsx, MediaSniffer.Pptx, "audio/*", "video/*",
    ];

    /// <summary>Days a file is kept (null: forever, the default); the retention job deletes older files.</summary>
    public int? RetentionDays { get; set; }

    /// <summary>True when <paramref name="contentType"/> is accepted.</summary>
    public bool Allows(string contentType) => AllowedTypes.Any(allowed =>
        allowed.EndsWith("/*", StringComparison.Ordinal)
            ? contentType.StartsWith(allowed[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed, contentType, StringComparison.OrdinalIgnoreCase));
}
