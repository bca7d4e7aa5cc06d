using System.Text;

namespace Conversations.Bot.Templates;

/// <summary>
/// Cleans a value before it is put into a text: customer- and CRM-controlled values must not break the layout of a
/// message or smuggle in invisible characters. Control characters (line breaks included) become spaces, bidirectional
/// overrides are removed, runs of whitespace collapse, and the value is capped.
/// </summary>
/// <remarks>
/// Channels send bot texts as plain text (no HTML or Markdown parse mode), so markup characters in a value are shown
/// literally and cannot inject formatting or links; this sanitiser only has to keep the text itself tidy.
/// </remarks>
public static class TemplateValueSanitizer
{
    /// <summary>The longest value inserted into a text, in characters.</summary>
    public const int MaxValueLength = 200;

    /// <summary>The cleaned value, at most <paramref name="maxLength"/> characters (an ellipsis marks a cut).</summary>
    public static string Sanitize(string value, int maxLength = MaxValueLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var text = new StringBuilder(Math.Min(value.Length, maxLength + 1));
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (IsBidiControl(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            text.Append(c);
            if (text.Length > maxLength)
            {
                break;
            }
        }

        if (text.Length <= maxLength)
        {
            return text.ToString();
        }

        // Do not cut a surrogate pair in half.
        var cut = maxLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text.ToString(0, cut) + "…";
    }

    // Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the LRM/RLM marks reorder displayed text.
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F';
}
