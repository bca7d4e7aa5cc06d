namespace Conversations.Bot.Faq;

/// <summary>
/// A tenant's answering policy chosen from its own knowledge base for a target precision, the precision/coverage
/// curve it was chosen from, and the entries that are easily confused.
/// </summary>
/// <remarks>
/// Leave-one-out (<see cref="FaqMatcher"/>): each distinct phrasing is asked against all the others and should find
/// its own entry; up to three phrasings of each entry are asked with the whole entry left out and should be handed
/// over (they stand for questions close to the knowledge base but not in it, counted as a fifth of all questions).
/// For every threshold (0.20 … 0.95) and margin (0 … 0.5) the expected precision when answering and the coverage
/// (in-scope questions answered right) are computed; the policy is the one with the most coverage at the target
/// precision or above (the highest precision when none reaches it). The "did you mean" floor is the lowest score at
/// which at most a tenth of the left-out entries' phrasings would be offered choices. Phrasings that differ only in
/// words the analysis drops are one phrasing here, so templated variants do not vouch for each other; near-copies
/// still do, so the curve is optimistic for a knowledge base of near-copies (see the README for measured figures).
/// </remarks>
/// <param name="Policy">The chosen policy.</param>
/// <param name="TargetPrecision">The precision it was chosen for.</param>
/// <param name="ExpectedPrecision">Its precision on the leave-one-out questions.</param>
/// <param name="ExpectedCoverage">Its share of in-scope questions answered right.</param>
/// <param name="ExpectedAnsweredShare">The share of questions the bot is expected to answer.</param>
/// <param name="Curve">The precision/coverage curve (one point per threshold).</param>
/// <param name="ConfusablePairs">Entry pairs whose phrasings go to each other, most confused first (at most 20).</param>
public sealed record FaqCalibration(
    FaqPolicy Policy,
    double TargetPrecision,
    double ExpectedPrecision,
    double ExpectedCoverage,
    double ExpectedAnsweredShare,
    IReadOnlyList<FaqCurvePoint> Curve,
    IReadOnlyList<FaqConfusablePair> ConfusablePairs)
{
    /// <summary>The precision a tenant gets unless it sets its own.</summary>
    public const double DefaultTargetPrecision = 0.95;

    private const double OutOfScopeShare = 0.2;
    private const double SuggestedOutOfScopeLimit = 0.1;
    private static readonly double[] Margins = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];

    /// <summary>Calibrates <paramref name="matcher"/>'s knowledge base for <paramref name="targetPrecision"/>.</summary>
    public static FaqCalibration Calibrate(FaqMatcher matcher, double targetPrecision = DefaultTargetPrecision)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetPrecision, 0.5);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetPrecision, 1.0);
        var samples = matcher.LeaveOneOut().ToList();
        var inScope = samples.Where(s => s.Expected is not null).ToList();
        var outOfScope = samples.Where(s => s.Expected is null).Select(s => s.Match).ToList();
        if (inScope.Count == 0)
        {
            return new FaqCalibration(FaqPolicy.Default, targetPrecision, 1, 0, 0, [], []);
        }

        // Out-of-scope samples weigh so that they are a fifth of all questions.
        var outWeight = outOfScope.Count == 0 ? 0 : OutOfScopeShare / (1 - OutOfScopeShare) * inScope.Count / outOfScope.Count;
        var curve = new List<FaqCurvePoint>();
        FaqCurvePoint? chosen = null, mostPrecise = null;
        for (var step = 0; step <= 30; step++)
        {
            var threshold = Math.Round(0.2 + (step * 0.025), 3);
            FaqCurvePoint? bestAtThreshold = null;
            foreach (var margin in Margins)
            {
                double right = 0, wrong = 0, answeredOut = 0;
                foreach (var (expected, _, match) in inScope)
                {
                    if (Answers(match, threshold, margin))
                    {
                        (right, wrong) = match.Entry!.Id == expected!.Id ? (right + 1, wrong) : (right, wrong + 1);
                    }
                }

                foreach (var match in outOfScope)
                {
                    answeredOut += Answers(match, threshold, margin) ? outWeight : 0;
                }

                var answered = right + wrong + answeredOut;
                var point = new FaqCurvePoint(threshold, margin, answered == 0 ? 1 : right / answered, right / inScope.Count,
                    answered / (inScope.Count + (outWeight * outOfScope.Count)));
                if (point.Precision >= targetPrecision && (chosen is null || point.Coverage > chosen.Coverage))
                {
                    chosen = point;
                }

                if (mostPrecise is null || point.Precision > mostPrecise.Precision)
                {
                    mostPrecise = point;
                }

                if (bestAtThreshold is null || (point.Precision >= targetPrecision
                    ? bestAtThreshold.Precision < targetPrecision || point.Coverage > bestAtThreshold.Coverage
                    : bestAtThreshold.Precision < targetPrecision && point.Precision > bestAtThreshold.Precision))
                {
                    bestAtThreshold = point;
                }
            }

            curve.Add(bestAtThreshold!);
        }

        var pick = chosen ?? mostPrecise!;
        var floor = SuggestFloor(outOfScope, pick.Threshold, pick.Margin);
        return new FaqCalibration(new FaqPolicy(pick.Threshold, pick.Margin, floor), targetPrecision, pick.Precision, pick.Coverage,
            pick.AnsweredShare, curve, ConfusablePairsOf(inScope));
    }

    private static bool Answers(FaqMatch match, double threshold, double margin) =>
        match.Entry is not null && match.Confidence >= threshold && match.Margin >= margin;

    private static double SuggestFloor(List<FaqMatch> outOfScope, double threshold, double margin)
    {
        for (var floor = 0.2; floor < threshold; floor += 0.025)
        {
            var policy = new FaqPolicy(threshold, margin, floor);
            var offered = outOfScope.Count(m => m.Decide(policy).Kind == FaqDecisionKind.Suggest);
            if (offered <= SuggestedOutOfScopeLimit * outOfScope.Count)
            {
                return Math.Round(floor, 3);
            }
        }

        return threshold;
    }

    private static List<FaqConfusablePair> ConfusablePairsOf(List<(FaqEntry? Expected, string Text, FaqMatch Match)> inScope)
    {
        return [.. inScope
            .Where(s => s.Match.Entry is not null && s.Match.Entry.Id != s.Expected!.Id)
            .Select(s => (Key: string.CompareOrdinal(s.Expected!.Id, s.Match.Entry!.Id) < 0 ? (s.Expected.Id, s.Match.Entry.Id) : (s.Match.Entry.Id, s.Expected.Id),
                Phrasing: new FaqConfusablePhrasing(s.Expected.Id, s.Text, s.Match.Entry.Id)))
            .GroupBy(s => s.Key)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key.Item1, StringComparer.Ordinal)
            .Take(20)
            .Select(g => new FaqConfusablePair(g.Key.Item1, g.Key.Item2, g.Count(), [.. g.Select(s => s.Phrasing).Take(5)]))];
    }
}
