using System.Diagnostics;
using Conversations.Abstractions.Bot;
using Conversations.Bot.Faq;

namespace Conversations.Grains.Bot;

/// <summary>
/// Builds the bot's FAQ matcher from a knowledge base and calibrates it (<see cref="FaqCalibration"/>: leave-one-out
/// over the tenant's own phrasings). Calibration asks every phrasing against all the others, so its cost grows with the
/// square of the phrasings: a knowledge base of at most <see cref="InlinePhrasings"/> phrasings is calibrated within the
/// change that made it (its policy is then known as soon as the change returns), a larger one in the background.
/// </summary>
public static class KnowledgeCalibrator
{
    /// <summary>A knowledge base of fewer entries is calibrated for the admin to see, but the bot keeps the default
    /// policy at the tenant's threshold: with a handful of entries the curve rests on a handful of questions.</summary>
    public const int MinEntries = 5;

    /// <summary>Up to this many phrasings the calibration is computed within the change (measured: see the README).</summary>
    public const int InlinePhrasings = 600;

    /// <summary>The matcher the bot answers with for <paramref name="entries"/> (null when there are none).</summary>
    public static FaqMatcher? MatcherOf(IReadOnlyCollection<KnowledgeEntry> entries) =>
        entries.Count == 0 ? null : new FaqMatcher(entries.Select(e => new FaqEntry(e.Id, e.Questions, e.Answer)));

    /// <summary>The policy the bot answers with for <paramref name="calibration"/>, when it is of the current
    /// <paramref name="version"/> and the knowledge base has at least <see cref="MinEntries"/> entries (else null).</summary>
    public static KnowledgePolicy? PolicyInUse(KnowledgeCalibration? calibration, long version, int entries) =>
        calibration is not null && calibration.Version == version && entries >= MinEntries ? calibration.Policy : null;

    /// <summary>Whether calibrating <paramref name="entries"/> is cheap enough to do within the change.</summary>
    public static bool IsQuick(IReadOnlyCollection<KnowledgeEntry> entries) => entries.Sum(e => e.Questions.Count) <= InlinePhrasings;

    /// <summary>Calibrates <paramref name="entries"/> (of knowledge base <paramref name="version"/>) for <paramref name="targetPrecision"/>.</summary>
    public static KnowledgeCalibration Calibrate(long version, IReadOnlyCollection<KnowledgeEntry> entries, double targetPrecision, DateTimeOffset now)
    {
        var started = Stopwatch.GetTimestamp();
        var calibration = MatcherOf(entries) is { } matcher
            ? FaqCalibration.Calibrate(matcher, targetPrecision)
            : new FaqCalibration(FaqPolicy.Default, targetPrecision, 1, 0, 0, [], []);
        var policy = calibration.Policy;
        return new KnowledgeCalibration(version, targetPrecision, new KnowledgePolicy(policy.Threshold, policy.Margin, policy.SuggestFloor),
            calibration.ExpectedPrecision, calibration.ExpectedCoverage, calibration.ExpectedAnsweredShare,
            [.. calibration.Curve.Select(p => new KnowledgeCurvePoint(p.Threshold, p.Margin, p.Precision, p.Coverage, p.AnsweredShare))],
            [.. calibration.ConfusablePairs.Select(p => new KnowledgeConfusablePair(p.First, p.Second, p.Count,
                [.. p.Phrasings.Select(f => new KnowledgeConfusablePhrasing(f.EntryId, f.Text, f.MatchedId))]))],
            now, Stopwatch.GetElapsedTime(started));
    }
}
