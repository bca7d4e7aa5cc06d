using System.Globalization;
using System.Text;

namespace Conversations.Bot.Faq;

/// <summary>How well a knowledge base answers a labelled question set, at one threshold and across a sweep.</summary>
/// <param name="Threshold">The threshold of the headline figures.</param>
/// <param name="At">The headline figures at <paramref name="Threshold"/>.</param>
/// <param name="InScopeCount">Questions the knowledge base should answer.</param>
/// <param name="OutOfScopeCount">Questions it should hand over.</param>
/// <param name="TopHitRate">Share of in-scope questions whose best entry is right, whatever the confidence.</param>
/// <param name="Sweep">The figures at thresholds 0.05, 0.10 … 0.95.</param>
/// <param name="Cases">Every question with its match, for looking at the mistakes.</param>
public sealed record FaqEvaluationReport(
    double Threshold,
    FaqThresholdPoint At,
    int InScopeCount,
    int OutOfScopeCount,
    double TopHitRate,
    IReadOnlyList<FaqThresholdPoint> Sweep,
    IReadOnlyList<FaqEvaluationCase> Cases)
{
    /// <summary>The figures of a policy with "did you mean …?" (when the evaluation was run with one).</summary>
    public FaqDecisionFigures? Decisions { get; init; }

    /// <summary>The wrong answers the bot would give at <see cref="Threshold"/> (right answers missed are not listed).</summary>
    public IEnumerable<FaqEvaluationCase> WrongAnswers => Cases.Where(c => c.IsAnswered(Threshold) && !c.IsTopHit);

    /// <summary>A fixed-width report for a console or a log.</summary>
    public string ToConsoleReport()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"FAQ evaluation: {InScopeCount} in-scope and {OutOfScopeCount} out-of-scope questions");
        text.AppendLine(culture, $"top-1 accuracy (ignoring the threshold): {TopHitRate:P1}");
        text.AppendLine(culture, $"at threshold {Threshold:0.00}: precision when answering {At.Precision:P1}, recall {At.Recall:P1}, " +
            $"out-of-scope handed over {At.OutOfScopeHandedOver:P1}, answered {At.AnsweredShare:P1}");
        if (Decisions is { } d)
        {
            text.AppendLine(culture, $"with the policy (threshold {d.Policy.Threshold:0.000}, margin {d.Policy.Margin:0.00}, suggest from {d.Policy.SuggestFloor:0.00}" +
                $"{(d.Policy.Disambiguate ? "" : ", no \"did you mean\"")}): precision when answering {d.Precision:P1}, in-scope accuracy {d.InScopeAccuracy:P1} " +
                $"(resolved by \"did you mean\" {d.ResolvedByDisambiguation:P1}), out-of-scope handed over {d.OutOfScopeRecall:P1} " +
                $"(offered choices {d.OutOfScopeSuggested:P1}), answered {d.AnsweredShare:P1}");
        }

        text.AppendLine();
        text.AppendLine("threshold  precision  recall  out-of-scope handed over  answered");
        foreach (var point in Sweep)
        {
            text.AppendLine(culture, $"{point.Threshold,9:0.00}  {point.Precision,9:P1}  {point.Recall,6:P1}  {point.OutOfScopeHandedOver,24:P1}  {point.AnsweredShare,8:P1}");
        }

        var wrong = WrongAnswers.ToList();
        if (wrong.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(culture, $"wrong answers at {Threshold:0.00}:");
            foreach (var item in wrong)
            {
                text.AppendLine(culture, $"  \"{item.Question.Text}\" expected {item.Question.ExpectedEntryId ?? "none"}, answered {item.Match.Entry?.Id} ({item.Match.Confidence:0.00})");
            }
        }

        var missed = Cases.Where(c => c.Question.IsInScope && !c.IsAnsweredCorrectly(Threshold)).ToList();
        if (missed.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(culture, $"in-scope questions not answered right at {Threshold:0.00} (best entry and confidence):");
            foreach (var item in missed)
            {
                text.AppendLine(culture, $"  \"{item.Question.Text}\" expected {item.Question.ExpectedEntryId}, best {item.Match.Entry?.Id ?? "none"} ({item.Match.Confidence:0.00})");
            }
        }

        return text.ToString();
    }
}
