namespace Conversations.Abstractions.Messages;

/// <summary>A customer's answer to a rating step, kept on the <c>SurveyAnswered</c> event for CSAT.</summary>
/// <param name="StepId">The rating step (identifies the survey).</param>
/// <param name="Score">The score given.</param>
/// <param name="Min">The lowest possible score.</param>
/// <param name="Max">The highest possible score.</param>
[GenerateSerializer, Immutable, Alias("conv.SurveyScore")]
public sealed record SurveyScore(
    [property: Id(0)] string StepId,
    [property: Id(1)] int Score,
    [property: Id(2)] int Min,
    [property: Id(3)] int Max);
