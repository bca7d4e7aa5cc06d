using System.Text;

namespace Conversations.Bot.Text;

/// <summary>
/// Reads Russian written in Latin letters ("podklyuchit internet", "lichnyi kabinet") back into Cyrillic. Covers the
/// common informal spellings (zh, kh, ts, ch, sh, shch, yu/ju, ya/ja, yo/jo) as well as the ГОСТ 7.79 / ICAO ones; the
/// result is approximate (y may be ы or й), so the matcher checks it against its vocabulary with typo tolerance.
/// </summary>
public static class Transliteration
{
    // Longest first, so "shch" wins over "sh" and "ch".
    private static readonly (string Latin, string Cyrillic)[] Rules =
    [
        ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("tc", "ц"), ("ch", "ч"), ("sh", "ш"),
        ("yu", "ю"), ("ju", "ю"), ("iu", "ю"), ("ya", "я"), ("ja", "я"), ("ia", "я"), ("yo", "е"), ("jo", "е"),
        ("ye", "е"), ("yy", "ый"), ("iy", "ий"), ("yi", "ый"), ("ey", "ей"), ("ay", "ай"), ("oy", "ой"), ("uy", "уй"),
        ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"),
        ("j", "й"), ("k", "к"), ("q", "к"), ("c", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
        ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("x", "кс"), ("y", "ы"), ("'", "ь"),
    ];

    /// <summary>Whether <paramref name="chunk"/> is a Latin word that could be transliterated Russian.</summary>
    public static bool IsLatinWord(string chunk) => chunk.Length >= 2 && chunk.All(c => char.IsAsciiLetter(c) || c == '\'');

    /// <summary>The Cyrillic reading of a Latin word (lower case).</summary>
    public static string ToCyrillic(string latin)
    {
        ArgumentNullException.ThrowIfNull(latin);
        var lower = latin.ToLowerInvariant();
        var text = new StringBuilder(lower.Length);
        var i = 0;
        while (i < lower.Length)
        {
            var rule = Array.Find(Rules, r => string.CompareOrdinal(lower, i, r.Latin, 0, r.Latin.Length) == 0);
            if (rule.Latin is null)
            {
                text.Append(lower[i]);
                i++;
            }
            else
            {
                text.Append(rule.Cyrillic);
                i += rule.Latin.Length;
            }
        }

        return text.ToString();
    }
}
