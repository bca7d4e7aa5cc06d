namespace Conversations.Bot.Faq;

/// <summary>What the bot does with a question under a <see cref="FaqPolicy"/>.</summary>
/// <param name="Kind">Answer, suggest or hand over.</param>
/// <param name="Entry">The entry answered with (for <see cref="FaqDecisionKind.Answer"/>).</param>
/// <param name="Suggestions">The entries offered, best first (for <see cref="FaqDecisionKind.Suggest"/>; 1 to 3).</param>
public sealed record FaqDecision(FaqDecisionKind Kind, FaqEntry? Entry, IReadOnlyList<FaqEntry> Suggestions)
{
    /// <summary>Hand the question over.</summary>
    public static FaqDecision HandOver { get; } = new(FaqDecisionKind.HandOver, null, []);

    /// <summary>Decides on <paramref name="match"/>: answer when both its confidence and its margin say so; else offer
    /// the entries close to the best one that score at least the policy's floor; else hand over.</summary>
    public static FaqDecision For(FaqMatch match, FaqPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(policy);
        if (match.Entry is null)
        {
            return HandOver;
        }

        if (match.Confidence >= policy.Threshold && match.Margin >= policy.Margin)
        {
            return new FaqDecision(FaqDecisionKind.Answer, match.Entry, []);
        }

        if (!policy.Disambiguate || match.Candidates.Count == 0)
        {
            return HandOver;
        }

        var best = match.Candidates[0].Score;
        var close = match.Candidates
            .Where(c => c.Score >= policy.SuggestFloor && c.Score >= best * FaqPolicy.CloseShare)
            .Take(FaqPolicy.MaxSuggestions)
            .Select(c => c.Entry)
            .ToList();
        return close.Count == 0 ? HandOver : new FaqDecision(FaqDecisionKind.Suggest, null, close);
    }
}
