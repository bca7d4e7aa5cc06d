namespace Conversations.Bot.Effects;

/// <summary>A rating step asked the customer for a score (the denominator of the survey's response rate).</summary>
/// <param name="StepId">The rating step (identifies the survey).</param>
public sealed record SurveyOffered(string StepId) : BotEffect;
