namespace Conversations.Grains.Conversations;

/// <summary>Recognises a customer asking for a human ("оператора!", "Human please") by the tenant's keywords.</summary>
internal static class HandoffKeywords
{
    /// <summary>True when a word of <paramref name="text"/> is, or starts with (for keywords of 4+ letters), a keyword.</summary>
    public static bool Match(string text, IReadOnlyList<string> keywords)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return false; // long messages describe a problem; the bot or FAQ handles them
        }

        var words = text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        return keywords.Select(k => k.Trim().ToLowerInvariant()).Where(k => k.Length > 0)
            .Any(k => words.Any(w => w == k || (k.Length >= 4 && w.StartsWith(k, StringComparison.Ordinal) && w.Length <= k.Length + 3)));
    }

    private static readonly char[] Separators = [.. Enumerable.Range(0, 128).Select(i => (char)i).Where(c => !char.IsLetterOrDigit(c)), '«', '»', '—', '–', '…'];
}
