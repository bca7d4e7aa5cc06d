namespace Conversations.Bot.Faq;

/// <summary>How the matcher did on one labelled question.</summary>
/// <param name="Question">The question and its label.</param>
/// <param name="Match">What the matcher found.</param>
public sealed record FaqEvaluationCase(LabelledQuestion Question, FaqMatch Match)
{
    /// <summary>Whether the best entry is the expected one (ignoring the threshold; false for out-of-scope questions).</summary>
    public bool IsTopHit => Question.IsInScope && Match.Entry?.Id == Question.ExpectedEntryId;

    /// <summary>Whether the bot answers at <paramref name="threshold"/>.</summary>
    public bool IsAnswered(double threshold) => Match.IsConfident(threshold);

    /// <summary>Whether the bot answers at <paramref name="threshold"/> and the answer is right.</summary>
    public bool IsAnsweredCorrectly(double threshold) => IsAnswered(threshold) && IsTopHit;
}
