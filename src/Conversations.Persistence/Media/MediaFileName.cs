using System.Text;

namespace Conversations.Persistence.Media;

/// <summary>
/// A file name made safe to store and to put in a <c>Content-Disposition</c> header: no path, no control or
/// reserved characters, no leading dots, at most 255 characters with the extension kept.
/// </summary>
public static class MediaFileName
{
    private const int MaxLength = 255;

    /// <summary>The safe form of <paramref name="name"/>, or null when nothing usable is left.</summary>
    public static string? Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        // Only the last path segment, whichever separator the sender's system uses.
        var last = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var builder = new StringBuilder(last.Length);
        foreach (var rune in last.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var unsafeChar = Rune.IsControl(rune) || category is System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
                || (rune.IsAscii && "<>:\"|?*;".Contains((char)rune.Value, StringComparison.Ordinal));
            builder.Append(unsafeChar ? "_" : rune.ToString());
        }

        var clean = builder.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (clean.Length == 0)
        {
            return null;
        }

        if (clean.Length > MaxLength)
        {
            var extension = Path.GetExtension(clean);
            extension = extension.Length is > 0 and <= 16 ? extension : "";
            var stem = clean[..(MaxLength - extension.Length)];
            if (char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }

            clean = stem + extension;
        }

        return clean;
    }
}
