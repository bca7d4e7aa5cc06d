namespace Conversations.Bot.Faq;

/// <summary>One point of a knowledge base's precision/coverage curve (from <see cref="FaqCalibration"/>).</summary>
/// <param name="Threshold">The confidence threshold.</param>
/// <param name="Margin">The margin that gives the most right answers at this threshold within the target precision
/// (or the most precise one when none reaches it).</param>
/// <param name="Precision">Expected share of right answers among the answers given.</param>
/// <param name="Coverage">Expected share of in-scope questions answered right.</param>
/// <param name="AnsweredShare">Expected share of all questions answered (out-of-scope ones assumed a fifth).</param>
public sealed record FaqCurvePoint(double Threshold, double Margin, double Precision, double Coverage, double AnsweredShare);
