using System.Globalization;

namespace Conversations.Abstractions.Tenants;

/// <summary>
/// When operators work: a time zone (IANA, e.g. "Europe/Moscow"), weekly intervals (e.g. Monday "09:00-18:00"), and
/// holidays. An empty week means always open.
/// </summary>
/// <param name="TimeZone">IANA time zone id.</param>
/// <param name="Week">Intervals per day, like "09:00-18:00"; an interval may end at "24:00".</param>
/// <param name="Holidays">Dates (in the time zone) with no operators.</param>
[GenerateSerializer, Immutable, Alias("conv.WorkingHours")]
public sealed record WorkingHours(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] IReadOnlyDictionary<DayOfWeek, IReadOnlyList<string>> Week,
    [property: Id(2)] IReadOnlyList<DateOnly> Holidays)
{
    /// <summary>Always open.</summary>
    public static WorkingHours AlwaysOpen { get; } = new("UTC", new Dictionary<DayOfWeek, IReadOnlyList<string>>(), []);

    /// <summary>True when operators work at <paramref name="at"/>.</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        if (Week.Count == 0)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(at, Zone());
        if (Holidays.Contains(DateOnly.FromDateTime(local.DateTime)))
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        return Intervals(local.DayOfWeek).Any(i => time >= i.Start && (i.End == TimeOnly.MinValue || time < i.End));
    }

    /// <summary>The next moment operators start working after <paramref name="at"/> (null when never within two weeks).</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset at)
    {
        if (Week.Count == 0)
        {
            return at;
        }

        var zone = Zone();
        var local = TimeZoneInfo.ConvertTime(at, zone);
        for (var day = 0; day <= 14; day++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(day);
            if (Holidays.Contains(date))
            {
                continue;
            }

            foreach (var interval in Intervals(date.DayOfWeek).OrderBy(i => i.Start))
            {
                var start = date.ToDateTime(interval.Start);
                var startOffset = new DateTimeOffset(start, zone.GetUtcOffset(start));
                if (startOffset > at)
                {
                    return startOffset;
                }
            }
        }

        return null;
    }

    /// <summary>Every problem with these hours, for a validation error (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (TimeZone is null || Week is null || Holidays is null || Week.Values.Any(intervals => intervals is null))
        {
            problems.Add("workingHours: timeZone, week (a list of intervals per day) and holidays are required.");
            return problems;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            problems.Add($"workingHours.timeZone: '{TimeZone}' is not a known time zone (use an IANA id like 'Europe/Moscow').");
        }

        foreach (var (day, intervals) in Week)
        {
            foreach (var interval in intervals)
            {
                if (interval is null || !TryParse(interval, out _))
                {
                    problems.Add($"workingHours.week.{day}: '{interval}' is not an interval like '09:00-18:00'.");
                }
            }
        }

        return problems;
    }

    private TimeZoneInfo Zone() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private IEnumerable<(TimeOnly Start, TimeOnly End)> Intervals(DayOfWeek day) =>
        Week.TryGetValue(day, out var intervals)
            ? intervals.Select(i => TryParse(i, out var parsed) ? parsed : ((TimeOnly, TimeOnly)?)null).OfType<(TimeOnly, TimeOnly)>()
            : [];

    private static bool TryParse(string interval, out (TimeOnly Start, TimeOnly End) parsed)
    {
        parsed = default;
        var parts = interval.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return false;
        }

        // "24:00" closes at midnight; TimeOnly.MinValue stands for it.
        if (parts[1] == "24:00")
        {
            parsed = (start, TimeOnly.MinValue);
            return true;
        }

        if (!TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) || end <= start)
        {
            return false;
        }

        parsed = (start, end);
        return true;
    }
}
