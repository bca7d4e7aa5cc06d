namespace Conversations.Bot.Faq;

/// <summary>Two entries whose phrasings are often nearer to the other entry than to their own: candidates to merge,
/// split or sharpen.</summary>
/// <param name="First">One entry's id.</param>
/// <param name="Second">The other's.</param>
/// <param name="Count">How many phrasings of either went to the other when left out.</param>
/// <param name="Phrasings">The phrasings responsible, each with the entry it belongs to (at most five).</param>
public sealed record FaqConfusablePair(string First, string Second, int Count, IReadOnlyList<FaqConfusablePhrasing> Phrasings);
