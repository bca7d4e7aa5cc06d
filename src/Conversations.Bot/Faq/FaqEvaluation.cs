namespace Conversations.Bot.Faq;

/// <summary>Measures a knowledge base against labelled questions: how often the bot is right when it answers, how
/// much it answers, and how often it hands over what it cannot answer.</summary>
public static class FaqEvaluation
{
    private static readonly double[] SweepThresholds = [.. Enumerable.Range(1, 19).Select(i => Math.Round(i * 0.05, 2))];

    /// <summary>Matches every question once and computes the figures at <paramref name="threshold"/> and across a sweep.</summary>
    public static FaqEvaluationReport Run(IEnumerable<FaqEntry> entries, IEnumerable<LabelledQuestion> questions, double threshold = FaqMatcher.DefaultThreshold)
    {
        var matcher = new FaqMatcher(entries);
        var cases = questions.Select(q => new FaqEvaluationCase(q, matcher.Match(q.Text))).ToList();
        var inScope = cases.Count(c => c.Question.IsInScope);
        return new FaqEvaluationReport(
            threshold,
            PointAt(cases, threshold),
            inScope,
            cases.Count - inScope,
            Share(cases.Count(c => c.IsTopHit), inScope),
            [.. SweepThresholds.Select(t => PointAt(cases, t))],
            cases);
    }

    /// <summary>Matches every question once with <paramref name="matcher"/> and computes the threshold figures and the
    /// figures of <paramref name="policy"/> ("did you mean …?" included).</summary>
    public static FaqEvaluationReport Run(FaqMatcher matcher, IEnumerable<LabelledQuestion> questions, FaqPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(policy);
        var cases = questions.Select(q => new FaqEvaluationCase(q, matcher.Match(q.Text))).ToList();
        var inScope = cases.Count(c => c.Question.IsInScope);
        return new FaqEvaluationReport(
            policy.Threshold,
            PointAt(cases, policy.Threshold),
            inScope,
            cases.Count - inScope,
            Share(cases.Count(c => c.IsTopHit), inScope),
            [.. SweepThresholds.Select(t => PointAt(cases, t))],
            cases)
        {
            Decisions = FaqDecisionFigures.Measure(cases, policy),
        };
    }

    private static FaqThresholdPoint PointAt(IReadOnlyList<FaqEvaluationCase> cases, double threshold)
    {
        var answered = cases.Count(c => c.IsAnswered(threshold));
        var correct = cases.Count(c => c.IsAnsweredCorrectly(threshold));
        var outOfScope = cases.Where(c => !c.Question.IsInScope).ToList();
        return new FaqThresholdPoint(
            threshold,
            answered == 0 ? 1 : Share(correct, answered),
            Share(correct, cases.Count(c => c.Question.IsInScope)),
            Share(outOfScope.Count(c => !c.IsAnswered(threshold)), outOfScope.Count),
            Share(answered, cases.Count));
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
