namespace Conversations.Bot.Faq;

/// <summary>The evaluation figures at one confidence threshold.</summary>
/// <param name="Threshold">Answers below it are handed over.</param>
/// <param name="Precision">Share of the answers given that were right (1 when nothing was answered).</param>
/// <param name="Recall">Share of in-scope questions answered right.</param>
/// <param name="OutOfScopeHandedOver">Share of out-of-scope questions handed over instead of answered.</param>
/// <param name="AnsweredShare">Share of all questions the bot answered.</param>
public sealed record FaqThresholdPoint(double Threshold, double Precision, double Recall, double OutOfScopeHandedOver, double AnsweredShare);
