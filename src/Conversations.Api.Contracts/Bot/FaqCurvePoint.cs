namespace Conversations.Api.Contracts.Bot;

/// <summary>One point of the knowledge base's precision/coverage curve (shares in [0, 1]).</summary>
/// <param name="Threshold">The confidence threshold.</param>
/// <param name="Margin">The margin over the runner-up chosen at this threshold.</param>
/// <param name="Precision">Expected share of right answers among the answers given.</param>
/// <param name="Coverage">Expected share of in-scope questions answered right.</param>
/// <param name="AnsweredShare">Expected share of all questions answered.</param>
public sealed record FaqCurvePoint(double Threshold, double Margin, double Precision, double Coverage, double AnsweredShare);
