namespace Conversations.Persistence.Reports;

/// <summary>
/// Fixed, roughly logarithmic duration buckets for waits and first responses: a histogram of counts per bucket adds up
/// across hours, channels and operators, so quantiles of any slice come from summed rollups, never from the messages.
/// A quantile is reported as the upper bound of the bucket holding it ("90 % waited at most 300 s").
/// </summary>
public static class DurationBuckets
{
    /// <summary>Upper bounds, in seconds, inclusive; a duration above the last bound falls in the last bucket.</summary>
    public static IReadOnlyList<int> UpperBounds { get; } =
    [
        5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800,
        14400, 21600, 28800, 43200, 86400, 172800, 604800,
    ];

    /// <summary>The bucket of a duration of <paramref name="seconds"/>.</summary>
    public static int Of(long seconds)
    {
        for (var i = 0; i < UpperBounds.Count; i++)
        {
            if (seconds <= UpperBounds[i])
            {
                return i;
            }
        }

        return UpperBounds.Count - 1;
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0..1) of the durations counted in <paramref name="counts"/>: the upper bound of the
    /// first bucket at which the running count reaches the quantile's rank (nearest rank); null when nothing was counted.
    /// </summary>
    public static int? Quantile(ReadOnlySpan<long> counts, double quantile)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total <= 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long running = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            running += counts[i];
            if (running >= rank)
            {
                return UpperBounds[i];
            }
        }

        return UpperBounds[^1];
    }
}
