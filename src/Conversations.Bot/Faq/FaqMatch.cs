namespace Conversations.Bot.Faq;

/// <summary>The best answer the matcher found for a question, how sure it is, and the runner-up.</summary>
/// <param name="Entry">The best entry, or null when nothing in the knowledge base shares a word with the question.</param>
/// <param name="Confidence">In [0, 1]: how much of the question and of the entry's closest variant overlap (see <see cref="FaqMatcher"/>).</param>
/// <param name="RunnerUp">The best other entry, if any.</param>
/// <param name="RunnerUpConfidence">The runner-up's confidence (0 without a runner-up).</param>
public sealed record FaqMatch(FaqEntry? Entry, double Confidence, FaqEntry? RunnerUp, double RunnerUpConfidence)
{
    /// <summary>How far the best entry is ahead of the runner-up, as a share of the best entry's score (1 without a
    /// runner-up, 0 when nothing matched).</summary>
    public double Margin { get; init; }

    /// <summary>The closest entries, best first (the best entry included), with their scores: what a "did you mean"
    /// offers when no entry wins clearly.</summary>
    public IReadOnlyList<FaqCandidate> Candidates { get; init; } = [];

    /// <summary>Equal when the same entries matched with the same figures and candidates.</summary>
    public bool Equals(FaqMatch? other) =>
        other is not null && Entry == other.Entry && Confidence.Equals(other.Confidence) && RunnerUp == other.RunnerUp
        && RunnerUpConfidence.Equals(other.RunnerUpConfidence) && Margin.Equals(other.Margin) && Candidates.SequenceEqual(other.Candidates);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Entry, Confidence, RunnerUp, RunnerUpConfidence, Margin, Candidates.Count);

    /// <summary>Nothing matched at all.</summary>
    public static FaqMatch None { get; } = new(null, 0, null, 0);

    /// <summary>What the bot does with the question under <paramref name="policy"/>: answer, "did you mean …?" or hand over.</summary>
    public FaqDecision Decide(FaqPolicy policy) => FaqDecision.For(this, policy);

    /// <summary>Whether the bot should answer with <see cref="Entry"/> rather than hand the question over.</summary>
    public bool IsConfident(double threshold) => Entry is not null && Confidence >= threshold;
}
