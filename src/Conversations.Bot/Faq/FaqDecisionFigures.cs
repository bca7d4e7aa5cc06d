namespace Conversations.Bot.Faq;

/// <summary>The evaluation figures of a <see cref="FaqPolicy"/> (answers, "did you mean …?" and handovers).</summary>
/// <param name="Policy">The policy measured.</param>
/// <param name="Precision">Share of the answers given that were right (1 when nothing was answered).</param>
/// <param name="InScopeAccuracy">Share of in-scope questions answered right or offered the right entry among the choices
/// (a "did you mean" the customer resolves counts as right).</param>
/// <param name="ResolvedByDisambiguation">Share of in-scope questions whose right entry was among the choices offered.</param>
/// <param name="OutOfScopeRecall">Share of out-of-scope questions handed over at once (neither answered nor offered choices).</param>
/// <param name="OutOfScopeSuggested">Share of out-of-scope questions offered choices (the customer's "none of these" then hands over).</param>
/// <param name="AnsweredShare">Share of all questions answered at once.</param>
public sealed record FaqDecisionFigures(
    FaqPolicy Policy,
    double Precision,
    double InScopeAccuracy,
    double ResolvedByDisambiguation,
    double OutOfScopeRecall,
    double OutOfScopeSuggested,
    double AnsweredShare)
{
    /// <summary>Measures <paramref name="policy"/> on matched labelled questions.</summary>
    public static FaqDecisionFigures Measure(IReadOnlyList<FaqEvaluationCase> cases, FaqPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(policy);
        int answered = 0, right = 0, resolved = 0, inScope = 0, outOfScope = 0, handedOver = 0, suggestedOut = 0;
        foreach (var item in cases)
        {
            var decision = item.Match.Decide(policy);
            var expected = item.Question.ExpectedEntryId;
            inScope += item.Question.IsInScope ? 1 : 0;
            outOfScope += item.Question.IsInScope ? 0 : 1;
            switch (decision.Kind)
            {
                case FaqDecisionKind.Answer:
                    answered++;
                    right += decision.Entry!.Id == expected ? 1 : 0;
                    break;
                case FaqDecisionKind.Suggest when item.Question.IsInScope:
                    resolved += decision.Suggestions.Any(e => e.Id == expected) ? 1 : 0;
                    break;
                case FaqDecisionKind.Suggest:
                    suggestedOut++;
                    break;
                default:
                    handedOver += item.Question.IsInScope ? 0 : 1;
                    break;
            }
        }

        return new FaqDecisionFigures(
            policy,
            answered == 0 ? 1 : (double)right / answered,
            Share(right + resolved, inScope),
            Share(resolved, inScope),
            Share(handedOver, outOfScope),
            Share(suggestedOut, outOfScope),
            Share(answered, cases.Count));
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
