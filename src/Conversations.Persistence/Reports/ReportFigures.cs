using Conversations.Abstractions.Conversations;

namespace Conversations.Persistence.Reports;

/// <summary>
/// The layout of a rollup's figures: one array of counts that adds element by element, so a bucket is the sum of its
/// conversations' contributions and a report the sum of its buckets (PostgreSQL keeps it in one <c>bigint[]</c>
/// column, added by <c>report_add</c>). Changing the layout changes the definitions: recompute the rollups.
/// </summary>
public static class ReportFigures
{
    /// <summary>Conversations started.</summary>
    public const int Started = 0;

    /// <summary>Started and never handed to a human (so far).</summary>
    public const int Contained = 1;

    /// <summary>Handed over, by cause: <c>HandedOverBase + (int)cause</c>.</summary>
    public const int HandedOverBase = 1; // causes are 1..6 → indices 2..7

    /// <summary>Taken by an operator after the handoff.</summary>
    public const int Taken = 8;

    /// <summary>Closed while waiting, never taken.</summary>
    public const int Abandoned = 9;

    /// <summary>Sum of waits (seconds) of the taken ones.</summary>
    public const int WaitSum = 10;

    /// <summary>Conversations with a first human response.</summary>
    public const int FirstResponses = 11;

    /// <summary>Sum of first response times (seconds).</summary>
    public const int FirstResponseSum = 12;

    /// <summary>Conversations closed.</summary>
    public const int Resolved = 13;

    /// <summary>Sum of resolution times (seconds).</summary>
    public const int ResolutionSum = 14;

    /// <summary>Customer messages.</summary>
    public const int CustomerMessages = 15;

    /// <summary>Bot messages.</summary>
    public const int BotMessages = 16;

    /// <summary>Operator messages.</summary>
    public const int OperatorMessages = 17;

    /// <summary>Conversations a rating step asked for a score.</summary>
    public const int SurveysOffered = 18;

    /// <summary>Conversations that gave a score.</summary>
    public const int SurveysAnswered = 19;

    /// <summary>Sum of scores.</summary>
    public const int ScoreSum = 20;

    /// <summary>Scores in the top quarter of their scale (4–5 of 1–5, 8–10 of 0–10): the satisfied answers.</summary>
    public const int Satisfied = 21;

    /// <summary>Where the wait histogram starts (<see cref="DurationBuckets"/>).</summary>
    public const int WaitHistogram = 22;

    /// <summary>Where the first response histogram starts.</summary>
    public static readonly int FirstResponseHistogram = WaitHistogram + DurationBuckets.UpperBounds.Count;

    /// <summary>Where the score distribution starts: one count per score 0..10.</summary>
    public static readonly int ScoreHistogram = FirstResponseHistogram + DurationBuckets.UpperBounds.Count;

    /// <summary>Highest score counted in the distribution (higher scores count as this).</summary>
    public const int MaxScore = 10;

    /// <summary>Conversations whose first operator let them go or closed them (handling time known).</summary>
    public static readonly int Handled = ScoreHistogram + MaxScore + 1;

    /// <summary>Sum of handling times (seconds): from the first take to that operator's release, transfer or the close.</summary>
    public static readonly int HandlingSum = Handled + 1;

    /// <summary>Length of the array (figures appended later are zeros in rows counted before them, until a recompute).</summary>
    public static readonly int Length = HandlingSum + 1;

    /// <summary>The causes in the order of their indices.</summary>
    public static IReadOnlyList<HandoffCause> Causes { get; } = Enum.GetValues<HandoffCause>();

    /// <summary>What one conversation adds to its bucket.</summary>
    public static long[] Of(ConversationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var f = new long[Length];
        f[Started] = 1;
        if (facts.Handoff is { } cause)
        {
            f[HandedOverBase + (int)cause] = 1;
        }
        else
        {
            f[Contained] = 1;
        }

        if (facts.Taken)
        {
            f[Taken] = 1;
        }

        if (facts.Abandoned)
        {
            f[Abandoned] = 1;
        }

        if (facts.WaitSeconds is { } wait)
        {
            f[WaitSum] = wait;
            f[WaitHistogram + DurationBuckets.Of(wait)] = 1;
        }

        if (facts.FirstResponseSeconds is { } frt)
        {
            f[FirstResponses] = 1;
            f[FirstResponseSum] = frt;
            f[FirstResponseHistogram + DurationBuckets.Of(frt)] = 1;
        }

        if (facts.ResolutionSeconds is { } resolution)
        {
            f[Resolved] = 1;
            f[ResolutionSum] = resolution;
        }

        f[CustomerMessages] = facts.CustomerMessages;
        f[BotMessages] = facts.BotMessages;
        f[OperatorMessages] = facts.OperatorMessages;
        if (facts.SurveyOffered)
        {
            f[SurveysOffered] = 1;
        }

        if (facts.Score is { } score)
        {
            f[SurveysAnswered] = 1;
            f[ScoreSum] = score;
            f[ScoreHistogram + Math.Clamp(score, 0, MaxScore)] = 1;
            var (min, max) = (facts.ScoreMin ?? 1, facts.ScoreMax ?? 5);
            if (score * 4 >= min + (3 * max))
            {
                f[Satisfied] = 1;
            }
        }

        if (facts.HandlingSeconds is { } handling)
        {
            f[Handled] = 1;
            f[HandlingSum] = handling;
        }

        return f;
    }

    /// <summary>Adds <paramref name="sign"/> × <paramref name="from"/> into <paramref name="into"/> (a shorter array counts as zeros).</summary>
    public static void Add(long[] into, IReadOnlyList<long> from, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(from);
        for (var i = 0; i < Math.Min(into.Length, from.Count); i++)
        {
            into[i] += sign * from[i];
        }
    }
}
