namespace Conversations.Abstractions.Bot;

/// <summary>One point of a knowledge base's precision/coverage curve.</summary>
/// <param name="Threshold">The confidence threshold.</param>
/// <param name="Margin">The margin chosen at this threshold.</param>
/// <param name="Precision">Expected share of right answers among the answers given.</param>
/// <param name="Coverage">Expected share of in-scope questions answered right.</param>
/// <param name="AnsweredShare">Expected share of all questions answered.</param>
[GenerateSerializer, Immutable, Alias("conv.KnowledgeCurvePoint")]
public sealed record KnowledgeCurvePoint(
    [property: Id(0)] double Threshold,
    [property: Id(1)] double Margin,
    [property: Id(2)] double Precision,
    [property: Id(3)] double Coverage,
    [property: Id(4)] double AnsweredShare);
