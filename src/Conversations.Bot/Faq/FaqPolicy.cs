namespace Conversations.Bot.Faq;

/// <summary>When the bot answers a question from the knowledge base, when it asks "did you mean …?", and when it hands
/// the question over. <see cref="FaqCalibration"/> chooses one from a tenant's own knowledge base.</summary>
/// <param name="Threshold">The least confidence to answer.</param>
/// <param name="Margin">The least lead of the best entry over the runner-up (a share of the best score) to answer.</param>
/// <param name="SuggestFloor">The least score of an entry offered in "did you mean …?".</param>
/// <param name="Disambiguate">Whether to ask "did you mean …?" at all; when false, what is not answered is handed over.</param>
public sealed record FaqPolicy(double Threshold, double Margin, double SuggestFloor, bool Disambiguate = true)
{
    /// <summary>At most this many entries are offered.</summary>
    public const int MaxSuggestions = 3;

    /// <summary>An offered entry scores at least this share of the best one: the choices are close to each other.</summary>
    public const double CloseShare = 0.6;

    /// <summary>The policy of a knowledge base not calibrated yet: the issue-22 threshold, a 10 % margin.</summary>
    public static FaqPolicy Default { get; } = new(FaqMatcher.DefaultThreshold, 0.1, 0.4);
}
