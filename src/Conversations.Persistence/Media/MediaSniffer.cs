using System.Text;

namespace Conversations.Persistence.Media;

/// <summary>
/// The content type of a file from its first bytes, never from what a client or channel claims: a renamed executable
/// stays an executable. Signatures from the WHATWG MIME Sniffing Standard (mimesniff.spec.whatwg.org, "Matching an
/// image/audio or video/archive type pattern") and the formats' own specifications.
/// </summary>
public static class MediaSniffer
{
    /// <summary>A Word document (Office Open XML).</summary>
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>An Excel workbook (Office Open XML).</summary>
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A PowerPoint presentation (Office Open XML).</summary>
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /// <summary>What bytes no rule recognises are.</summary>
    public const string Unknown = "application/octet-stream";

    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeaderLength = 512;

    /// <summary>
    /// The type of the file that starts with <paramref name="header"/>. <paramref name="fileName"/> only tells apart
    /// the zip-based office formats (their bytes are a zip either way); it never turns one family into another.
    /// </summary>
    public static string Sniff(ReadOnlySpan<byte> header, string? fileName = null)
    {
        if (Starts(header, [0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (Starts(header, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (Starts(header, "GIF87a"u8) || Starts(header, "GIF89a"u8)) return "image/gif";
        if (Starts(header, "RIFF"u8) && At(header, 8, "WEBP"u8)) return "image/webp";
        if (Starts(header, "RIFF"u8) && At(header, 8, "WAVE"u8)) return "audio/wav";
        if (Starts(header, "RIFF"u8) && At(header, 8, "AVI "u8)) return "video/x-msvideo";
        if (Starts(header, "BM"u8) && header.Length >= 14) return "image/bmp";
        if (Starts(header, "%PDF-"u8)) return "application/pdf";
        if (Starts(header, "OggS\0"u8)) return "audio/ogg";
        if (Starts(header, "ID3"u8) || (header.Length >= 2 && header[0] == 0xFF && (header[1] & 0xE0) == 0xE0)) return "audio/mpeg";
        if (Starts(header, "fLaC"u8)) return "audio/flac";
        if (Starts(header, [0x1A, 0x45, 0xDF, 0xA3])) return "video/webm";
        if (At(header, 4, "ftyp"u8))
        {
            // ISO base media: the brand after "ftyp" says which kind (ISO/IEC 14496-12).
            var brand = header.Length >= 12 ? Encoding.ASCII.GetString(header[8..12]) : "";
            return brand switch
            {
                "heic" or "heix" or "mif1" => "image/heic",
                "avif" => "image/avif",
                "M4A " => "audio/mp4",
                "qt  " => "video/quicktime",
                _ => "video/mp4",
            };
        }

        if (Starts(header, [(byte)'P', (byte)'K', 0x03, 0x04]))
        {
            return Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
            {
                ".docx" => Docx,
                ".xlsx" => Xlsx,
                ".pptx" => Pptx,
                _ => "application/zip",
            };
        }

        if (Starts(header, "MZ"u8)) return "application/x-msdownload";
        if (Starts(header, [0x7F, (byte)'E', (byte)'L', (byte)'F'])) return "application/x-executable";
        if (Starts(header, "Rar!"u8)) return "application/vnd.rar";
        if (Starts(header, [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C])) return "application/x-7z-compressed";
        if (Starts(header, [0x1F, 0x8B])) return "application/gzip";
        return LooksLikeText(header) ? TextType(header) : Unknown;
    }

    /// <summary>True for types a browser would render as a page or a script if served inline (never done).</summary>
    public static bool IsActive(string contentType) =>
        contentType is "text/html" or "image/svg+xml" or "application/xml" or "text/xml";

    /// <summary>True for types a browser shows inline safely (images, audio, video, PDF, plain text).</summary>
    public static bool IsInlineSafe(string contentType) =>
        !IsActive(contentType)
        && (contentType.StartsWith("image/", StringComparison.Ordinal) || contentType.StartsWith("audio/", StringComparison.Ordinal)
            || contentType.StartsWith("video/", StringComparison.Ordinal) || contentType is "application/pdf" or "text/plain");

    private static string TextType(ReadOnlySpan<byte> header)
    {
        // Markup is told apart from plain text so that it is never served as something a browser runs.
        var text = Encoding.UTF8.GetString(header).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        if (text.StartsWith("<!doctype html", StringComparison.Ordinal) || text.StartsWith("<html", StringComparison.Ordinal)
            || text.StartsWith("<script", StringComparison.Ordinal) || text.StartsWith("<head", StringComparison.Ordinal)
            || text.StartsWith("<body", StringComparison.Ordinal) || text.StartsWith("<iframe", StringComparison.Ordinal))
        {
            return "text/html";
        }

        if (text.StartsWith("<svg", StringComparison.Ordinal) || (text.StartsWith("<?xml", StringComparison.Ordinal) && text.Contains("<svg", StringComparison.Ordinal)))
        {
            return "image/svg+xml";
        }

        return text.StartsWith("<?xml", StringComparison.Ordinal) ? "application/xml" : "text/plain";
    }

    /// <summary>No binary control bytes (the WHATWG "binary data byte" set) and valid UTF-8 (a cut last character allowed).</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> header)
    {
        if (header.IsEmpty)
        {
            return false;
        }

        foreach (var b in header)
        {
            if (b is <= 0x08 or 0x0B or (>= 0x0E and <= 0x1A) or (>= 0x1C and <= 0x1F))
            {
                return false;
            }
        }

        // The header may end inside a multi-byte character: drop up to 3 trailing bytes of it.
        for (var cut = 0; cut <= 3 && cut < header.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(header[..^cut]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Starts(ReadOnlySpan<byte> data, ReadOnlySpan<byte> prefix) => data.StartsWith(prefix);

    private static bool At(ReadOnlySpan<byte> data, int offset, ReadOnlySpan<byte> value) =>
        data.Length >= offset + value.Length && data.Slice(offset, value.Length).SequenceEqual(value);
}
