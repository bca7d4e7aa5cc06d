namespace Conversations.Api.Contracts.Bot;

/// <summary>
/// How the bot answers from the knowledge base: the threshold and margin calibrated for the tenant's target precision
/// (leave-one-out over its own phrasings), the precision/coverage curve, the expected share of questions answered, and
/// the entries easily confused. Shares are in [0, 1].
/// </summary>
/// <param name="Version">The knowledge base version it was computed for.</param>
/// <param name="InUse">True when the bot answers with this policy: it is of the current version and the knowledge base
/// has at least 5 entries; else the bot uses the default policy at the tenant's faqThreshold (while a newer version is
/// calibrated, or for a handful of entries, whose curve rests on a handful of questions).</param>
/// <param name="TargetPrecision">The precision it was chosen for.</param>
/// <param name="Threshold">The least confidence to answer.</param>
/// <param name="Margin">The least lead of the best entry over the runner-up to answer.</param>
/// <param name="SuggestFloor">The least score of an entry offered in "did you mean …?".</param>
/// <param name="ExpectedPrecision">Expected share of right answers among the answers given.</param>
/// <param name="ExpectedCoverage">Expected share of in-scope questions answered right.</param>
/// <param name="ExpectedAnsweredShare">Expected share of all questions answered.</param>
/// <param name="Curve">The curve, one point per threshold (0.2 to 0.95).</param>
/// <param name="ConfusablePairs">Confusable entry pairs, most confused first (at most 20).</param>
/// <param name="CalibratedAt">When it was computed.</param>
/// <param name="TookMilliseconds">How long it took.</param>
public sealed record FaqCalibration(
    long Version,
    bool InUse,
    double TargetPrecision,
    double Threshold,
    double Margin,
    double SuggestFloor,
    double ExpectedPrecision,
    double ExpectedCoverage,
    double ExpectedAnsweredShare,
    IReadOnlyList<FaqCurvePoint> Curve,
    IReadOnlyList<FaqConfusablePair> ConfusablePairs,
    DateTimeOffset CalibratedAt,
    long TookMilliseconds);
