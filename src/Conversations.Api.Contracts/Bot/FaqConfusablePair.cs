namespace Conversations.Api.Contracts.Bot;

/// <summary>Two FAQ entries whose phrasings are often nearer to the other entry than to their own: merge, split or
/// sharpen them.</summary>
/// <param name="First">One entry's id.</param>
/// <param name="Second">The other's.</param>
/// <param name="Count">How many phrasings of either matched the other when left out.</param>
/// <param name="Phrasings">The phrasings responsible (at most five).</param>
public sealed record FaqConfusablePair(string First, string Second, int Count, IReadOnlyList<FaqConfusablePhrasing> Phrasings);
