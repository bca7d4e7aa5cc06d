namespace Conversations.Channels.Rendering;

/// <summary>
/// Cuts a text longer than a channel's limit into messages that fit: at a line break in the second half of the
/// limit when there is one, else at the limit, never inside a surrogate pair (an emoji); no part is empty.
/// </summary>
public static class TextSplitter
{
    /// <summary>What an empty text is sent as (a channel refuses an empty message).</summary>
    public const string Empty = "…";

    /// <summary>The parts of <paramref name="text"/>, each at most <paramref name="limit"/> characters.</summary>
    public static IReadOnlyList<string> Split(string? text, int limit)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [Empty];
        }

        var parts = new List<string>();
        var rest = text;
        while (rest.Length > limit)
        {
            var cut = rest.LastIndexOf('\n', limit - 1, limit / 2);
            cut = cut > 0 ? cut : limit;
            if (char.IsHighSurrogate(rest[cut - 1]))
            {
                cut--; // never split an emoji in half
            }

            parts.Add(rest[..cut]);
            rest = rest[cut..].TrimStart('\n');
        }

        if (rest.Length > 0 || parts.Count == 0)
        {
            parts.Add(rest);
        }

        return parts;
    }
}
