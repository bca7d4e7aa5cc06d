using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Api.Contracts.Reports;
using Conversations.Persistence.Reports;

namespace Conversations.Api.Reports;

/// <summary>Sums rollup buckets into a report's lines and turns summed figures into measures: no message is read here.</summary>
public static class ReportCalculator
{
    /// <summary>The lines of <paramref name="kind"/> from the buckets of its range.</summary>
    public static IReadOnlyList<ReportRow> Rows(ReportKind kind, IReadOnlyList<ReportRollup> rollups, ReportParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        ArgumentNullException.ThrowIfNull(parameters);
        // Lines in time order (a period's first UTC hour: the local label of an hour repeated by a clock change sorts wrong as text).
        var groups = new Dictionary<(string Period, string Channel, Guid Operator, string Entry), (long[] Sum, DateTimeOffset First)>();
        var periods = new Dictionary<DateTimeOffset, string>(); // a zone conversion and a format per distinct hour, not per row
        string PeriodOf(DateTimeOffset hour)
        {
            if (!periods.TryGetValue(hour, out var period))
            {
                period = Period(hour, parameters);
                periods[hour] = period;
            }

            return period;
        }

        foreach (var rollup in rollups)
        {
            var key = kind switch
            {
                ReportKind.Operators => ("", "", rollup.Bucket.OperatorId, ""),
                ReportKind.Bot => ("", "", Guid.Empty, rollup.Bucket.EntryPoint),
                ReportKind.Conversations => (PeriodOf(rollup.Bucket.Hour), ChannelName(rollup.Bucket.Channel), Guid.Empty, ""),
                _ => (PeriodOf(rollup.Bucket.Hour), "", Guid.Empty, ""),
            };
            if (kind == ReportKind.Operators && rollup.Bucket.OperatorId == Guid.Empty)
            {
                continue; // conversations no operator took are not an operator's figures
            }

            var hour = kind is ReportKind.Operators or ReportKind.Bot ? DateTimeOffset.MinValue : rollup.Bucket.Hour;
            (long[] Sum, DateTimeOffset First) group = groups.TryGetValue(key, out var found) ? found : (new long[ReportFigures.Length], hour);
            ReportFigures.Add(group.Sum, rollup.Figures);
            groups[key] = (group.Sum, group.First < hour ? group.First : hour);
        }

        return [.. groups.OrderBy(g => g.Value.First).ThenBy(g => g.Key.Channel, StringComparer.Ordinal).ThenBy(g => g.Key.Operator)
            .ThenBy(g => g.Key.Entry, StringComparer.Ordinal).Select(g => new ReportRow(
            kind is ReportKind.Operators or ReportKind.Bot ? null : g.Key.Period,
            kind == ReportKind.Conversations ? g.Key.Channel : null,
            kind == ReportKind.Operators ? g.Key.Operator : null,
            kind == ReportKind.Bot ? g.Key.Entry : null,
            Measures(g.Value.Sum)))];
    }

    /// <summary>The figures of all <paramref name="rollups"/> together.</summary>
    public static ReportMeasures Total(IEnumerable<ReportRollup> rollups)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        var sum = new long[ReportFigures.Length];
        foreach (var rollup in rollups)
        {
            ReportFigures.Add(sum, rollup.Figures);
        }

        return Measures(sum);
    }

    /// <summary>Measures from summed figures.</summary>
    public static ReportMeasures Measures(long[] f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var bounds = DurationBuckets.UpperBounds.Count;
        var waits = f.AsSpan(ReportFigures.WaitHistogram, bounds);
        var responses = f.AsSpan(ReportFigures.FirstResponseHistogram, bounds);
        long Handed(HandoffCause cause) => f[ReportFigures.HandedOverBase + (int)cause];
        var started = f[ReportFigures.Started];
        var messages = f[ReportFigures.CustomerMessages] + f[ReportFigures.BotMessages] + f[ReportFigures.OperatorMessages];
        return new ReportMeasures(
            started,
            f[ReportFigures.Contained],
            Ratio(f[ReportFigures.Contained], started),
            ReportFigures.Causes.Sum(Handed),
            Handed(HandoffCause.Asked),
            Handed(HandoffCause.BotGaveUp),
            Handed(HandoffCause.ScenarioStep),
            Handed(HandoffCause.LowRating),
            Handed(HandoffCause.Operator),
            Handed(HandoffCause.Other),
            f[ReportFigures.Abandoned],
            f[ReportFigures.Taken],
            DurationBuckets.Quantile(waits, 0.5),
            DurationBuckets.Quantile(waits, 0.9),
            Ratio(f[ReportFigures.WaitSum], f[ReportFigures.Taken]),
            DurationBuckets.Quantile(responses, 0.5),
            DurationBuckets.Quantile(responses, 0.9),
            Ratio(f[ReportFigures.FirstResponseSum], f[ReportFigures.FirstResponses]),
            f[ReportFigures.Resolved],
            Ratio(f[ReportFigures.ResolutionSum], f[ReportFigures.Resolved]),
            Ratio(messages, started),
            f[ReportFigures.CustomerMessages],
            f[ReportFigures.BotMessages],
            f[ReportFigures.OperatorMessages],
            f[ReportFigures.SurveysOffered],
            f[ReportFigures.SurveysAnswered],
            Ratio(f[ReportFigures.SurveysAnswered], f[ReportFigures.SurveysOffered]),
            Ratio(f[ReportFigures.ScoreSum], f[ReportFigures.SurveysAnswered]),
            Ratio(f[ReportFigures.Satisfied], f[ReportFigures.SurveysAnswered]),
            [.. f.AsSpan(ReportFigures.ScoreHistogram, ReportFigures.MaxScore + 1).ToArray()],
            f[ReportFigures.Handled],
            Ratio(f[ReportFigures.HandlingSum], f[ReportFigures.Handled]));
    }

    /// <summary>
    /// The period an hour bucket falls in, in the report's time zone: the local start of the hour, day or week holding the
    /// bucket's start (with a 30- or 45-minute offset, a bucket belongs to the local day its first minute is in).
    /// </summary>
    public static string Period(DateTimeOffset hourUtc, ReportParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var local = TimeZoneInfo.ConvertTime(hourUtc, parameters.Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        return parameters.Granularity switch
        {
            ReportGranularity.Hour => local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            ReportGranularity.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            _ => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static string ChannelName(short channel) => channel == 0 ? "" : ((ChannelKind)channel).ToString();

    private static double? Ratio(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
