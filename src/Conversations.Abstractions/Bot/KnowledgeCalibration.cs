namespace Conversations.Abstractions.Bot;

/// <summary>
/// A knowledge base's calibration at one version: the policy chosen for the tenant's target precision (leave-one-out
/// over its own phrasings), the precision/coverage curve it was chosen from, the expected share of questions answered
/// and the entries easily confused.
/// </summary>
/// <param name="Version">The knowledge base version it was computed for.</param>
/// <param name="TargetPrecision">The precision it was chosen for.</param>
/// <param name="Policy">The chosen policy.</param>
/// <param name="ExpectedPrecision">Its precision on the leave-one-out questions.</param>
/// <param name="ExpectedCoverage">Its share of in-scope questions answered right.</param>
/// <param name="ExpectedAnsweredShare">The share of questions the bot is expected to answer.</param>
/// <param name="Curve">The curve, one point per threshold.</param>
/// <param name="ConfusablePairs">Entry pairs whose phrasings go to each other, most confused first (at most 20).</param>
/// <param name="CalibratedAt">When it was computed.</param>
/// <param name="Took">How long the computation took.</param>
[GenerateSerializer, Immutable, Alias("conv.KnowledgeCalibration")]
public sealed record KnowledgeCalibration(
    [property: Id(0)] long Version,
    [property: Id(1)] double TargetPrecision,
    [property: Id(2)] KnowledgePolicy Policy,
    [property: Id(3)] double ExpectedPrecision,
    [property: Id(4)] double ExpectedCoverage,
    [property: Id(5)] double ExpectedAnsweredShare,
    [property: Id(6)] IReadOnlyList<KnowledgeCurvePoint> Curve,
    [property: Id(7)] IReadOnlyList<KnowledgeConfusablePair> ConfusablePairs,
    [property: Id(8)] DateTimeOffset CalibratedAt,
    [property: Id(9)] TimeSpan Took);
