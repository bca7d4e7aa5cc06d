namespace Conversations.Bot.Faq;

/// <summary>The best answer the matcher found for a question, how sure it is, and the runner-up.</summary>
/// <param name="Entry">The best entry, or null when nothing in the knowledge base shares a word with the question.</param>
/// <param name="Confidence">In [0, 1]: how much of the question and of the entry's closest variant overlap (see <see cref="FaqMatcher"/>).</param>
/// <param name="RunnerUp">The best other entry, if any.</param>
/// <param name="RunnerUpConfidence">The runner-up's confidence (0 without a runner-up).</param>
public sealed record FaqMatch(FaqEntry? Entry, double Confidence, FaqEntry? RunnerUp, double RunnerUpConfidence)
{
    /// <summary>Nothing matched at all.</summary>
    public static FaqMatch None { get; } = new(null, 0, null, 0);

    /// <summary>Whether the bot should answer with <see cref="Entry"/> rather than hand the question over.</summary>
    public bool IsConfident(double threshold) => Entry is not null && Confidence >= threshold;
}
