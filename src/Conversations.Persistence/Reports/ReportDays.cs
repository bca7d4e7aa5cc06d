namespace Conversations.Persistence.Reports;

/// <summary>
/// Days of a time zone over hourly UTC buckets: an hour bucket belongs to the local day its first minute is in (as
/// reports cut periods), so a day is the run of whole UTC hours from its <see cref="FirstHour"/> to the next day's.
/// A range of hours is read as whole days in the middle and single hours at the two ends.
/// </summary>
public static class ReportDays
{
    /// <summary>The local day the hour starting at <paramref name="hourUtc"/> counts in.</summary>
    public static DateOnly DayOf(DateTimeOffset hourUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(hourUtc, zone).DateTime);
    }

    /// <summary>The first whole UTC hour that counts in <paramref name="day"/> or later (a day with no hour gives the next day's).</summary>
    public static DateTimeOffset FirstHour(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        // Local midnight is at most 14 hours from UTC midnight; walk whole hours from before it (no zone rule needed, any offset works).
        var hour = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-15);
        while (DayOf(hour, zone) < day)
        {
            hour = hour.AddHours(1);
        }

        return hour;
    }

    /// <summary>
    /// The whole local days inside the UTC hours [<paramref name="fromUtc"/>, <paramref name="toUtc"/>): days
    /// [<c>FromDay</c>, <c>ToDay</c>) covering the hours [<c>DaysFromUtc</c>, <c>DaysToUtc</c>); null when no whole day fits.
    /// </summary>
    public static (DateOnly FromDay, DateOnly ToDay, DateTimeOffset DaysFromUtc, DateTimeOffset DaysToUtc)? WholeDays(
        DateTimeOffset fromUtc, DateTimeOffset toUtc, TimeZoneInfo zone)
    {
        var first = DayOf(fromUtc, zone);
        if (FirstHour(first, zone) < fromUtc)
        {
            first = first.AddDays(1);
        }

        var end = DayOf(toUtc, zone);
        if (first >= end)
        {
            return null;
        }

        return (first, end, FirstHour(first, zone), FirstHour(end, zone));
    }
}
