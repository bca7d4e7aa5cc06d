namespace Conversations.Bot.Text;

/// <summary>
/// Spots a customer asking for a human ("Позовите оператора!", "Человека!", "talk to an agent") by comparing the
/// normalised words of the message with normalised keywords, so inflected forms and punctuation do not matter.
/// </summary>
/// <remarks>Build once per keyword list and share: it is immutable and thread-safe.</remarks>
public sealed class HandoffKeywordDetector
{
    /// <summary>The keywords used when a tenant configures none.</summary>
    public static readonly IReadOnlyList<string> DefaultKeywords = ["оператор", "человек", "operator", "human", "агент", "agent"];

    private readonly HashSet<string> _terms;

    /// <summary>A detector for <paramref name="keywords"/> (<see cref="DefaultKeywords"/> when null).</summary>
    public HandoffKeywordDetector(IEnumerable<string>? keywords = null)
    {
        _terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyword in keywords ?? DefaultKeywords)
        {
            // Stop words are kept on both sides: a keyword must never vanish from the comparison.
            _terms.UnionWith(TextNormalizer.Terms(keyword, removeStopWords: false));
        }
    }

    /// <summary>The shared detector for <see cref="DefaultKeywords"/>.</summary>
    public static HandoffKeywordDetector Default { get; } = new();

    /// <summary>Whether <paramref name="text"/> contains one of the keywords in any inflected form.</summary>
    public bool IsHandoffRequest(string? text) =>
        !string.IsNullOrWhiteSpace(text) && TextNormalizer.Terms(text, removeStopWords: false).Any(_terms.Contains);
}
