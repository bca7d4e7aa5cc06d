using System.Text;

namespace Conversations.Bot.Text;

/// <summary>
/// Keyboard-layout slips between the Russian ЙЦУКЕН and the English QWERTY layouts: "ghbdtn" is "привет" typed with
/// the English layout on, "куагтв" is "refund" typed with the Russian one. Keys of the standard Windows/macOS
/// layouts; the Russian letters on the punctuation keys (х ъ ж э б ю ё) are mapped too.
/// </summary>
public static class KeyboardLayout
{
    private const string Latin = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
    private const string Cyrillic = "йцукенгшщзхъфывапролджэячсмитьбюё";

    /// <summary>Whether <paramref name="chunk"/> (one whitespace-separated piece of text) could be Russian typed on
    /// the English layout: Latin letters and the punctuation keys that carry Russian letters, at least two letters.</summary>
    public static bool LooksLikeLatinSlip(string chunk) =>
        chunk.Count(char.IsAsciiLetter) >= 2 && chunk.All(c => Latin.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal));

    /// <summary>Whether <paramref name="chunk"/> could be English typed on the Russian layout.</summary>
    public static bool LooksLikeCyrillicSlip(string chunk) =>
        chunk.Length >= 2 && chunk.All(c => Cyrillic.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal));

    /// <summary>The Russian letters of the keys pressed (lower case).</summary>
    public static string ToCyrillic(string chunk) => Map(chunk, Latin, Cyrillic);

    /// <summary>The English letters and punctuation of the keys pressed (lower case).</summary>
    public static string ToLatin(string chunk) => Map(chunk, Cyrillic, Latin);

    private static string Map(string chunk, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var text = new StringBuilder(chunk.Length);
        foreach (var c in chunk)
        {
            var lower = char.ToLowerInvariant(c);
            var index = from.IndexOf(lower, StringComparison.Ordinal);
            text.Append(index < 0 ? lower : to[index]);
        }

        return text.ToString();
    }
}
