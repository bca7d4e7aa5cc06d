namespace Conversations.Bot.Effects;

/// <summary>The customer answered a rating question.</summary>
/// <param name="StepId">The rating step (identifies the survey).</param>
/// <param name="Score">The score given.</param>
/// <param name="Min">The lowest possible score.</param>
/// <param name="Max">The highest possible score.</param>
public sealed record SurveyScoreRecorded(string StepId, int Score, int Min, int Max) : BotEffect;
