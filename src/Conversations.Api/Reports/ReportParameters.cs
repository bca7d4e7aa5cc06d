using System.Globalization;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;

namespace Conversations.Api.Reports;

/// <summary>A report request checked and resolved: its UTC range on whole hours, time zone, grouping and filters.</summary>
/// <param name="FromUtc">Start (inclusive, a whole UTC hour).</param>
/// <param name="ToUtc">End (exclusive, a whole UTC hour).</param>
/// <param name="Zone">The time zone periods are cut in.</param>
/// <param name="Granularity">Hour, day or week.</param>
/// <param name="Channel">Only this channel, or all.</param>
/// <param name="OperatorId">Only conversations first taken by this operator, or all.</param>
/// <param name="Csv">Answer in CSV.</param>
public sealed record ReportParameters(
    DateTimeOffset FromUtc, DateTimeOffset ToUtc, TimeZoneInfo Zone, ReportGranularity Granularity, ChannelKind? Channel, Guid? OperatorId, bool Csv)
{
    /// <summary>Longest range of a report.</summary>
    public const int MaxDays = 366;

    /// <summary>Longest range of an hourly report.</summary>
    public const int MaxHourlyDays = 31;

    /// <summary>Longest time zone id accepted.</summary>
    public const int MaxTimeZoneLength = 64;

    /// <summary>Earliest instant a report covers.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Latest instant a report covers.</summary>
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Longest from or to accepted.</summary>
    public const int MaxInstantLength = 40;

    /// <summary>Longest granularity, channel or format accepted (an operator id is 36).</summary>
    public const int MaxNameLength = 32;

    /// <summary>
    /// Checks the query; every refusal names the parameter and the reason. <paramref name="from"/> and <paramref name="to"/>
    /// are dates (midnight in the time zone) or date-times with an offset; the range is widened to whole UTC hours.
    /// </summary>
    public static ReportParameters Parse(
        string? from, string? to, string? channel, string? granularity, string? timeZone, string? operatorId, string? format, bool acceptsCsv,
        string defaultTimeZone, DateTimeOffset now)
    {
        var zoneId = string.IsNullOrWhiteSpace(timeZone) ? defaultTimeZone : timeZone.Trim();
        if (zoneId.Length > MaxTimeZoneLength || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            throw DomainException.Invalid($"timeZone is not a known IANA time zone (e.g. Europe/Moscow), at most {MaxTimeZoneLength} characters.");
        }

        var end = to is null ? Ceiling(now) : Instant(to, "to", zone);
        var start = from is null ? end.AddDays(-7) : Instant(from, "from", zone);
        var (fromUtc, toUtc) = (Floor(start), Ceiling(end));
        if (fromUtc >= toUtc)
        {
            throw DomainException.Invalid("from must be before to.");
        }

        if (toUtc - fromUtc > TimeSpan.FromDays(MaxDays + 1))
        {
            throw DomainException.Invalid($"from and to are at most {MaxDays} days apart.");
        }

        var cut = ParseEnum<ReportGranularity>(granularity, "granularity", "hour, day or week") ?? ReportGranularity.Day;
        if (cut == ReportGranularity.Hour && toUtc - fromUtc > TimeSpan.FromDays(MaxHourlyDays + 1))
        {
            throw DomainException.Invalid($"granularity hour takes a range of at most {MaxHourlyDays} days; use day or week.");
        }

        var customerChannels = string.Join(", ", ChannelCatalog.Kinds.Where(c => !ChannelCatalog.IsNotification(c)).Order());
        var kind = ParseEnum<ChannelKind>(channel, "channel", "a customer channel: " + customerChannels);
        if (kind is { } k && ChannelCatalog.IsNotification(k))
        {
            throw DomainException.Invalid($"channel is a customer channel: {customerChannels}.");
        }

        Guid? operatorFilter = null;
        if (!string.IsNullOrEmpty(operatorId))
        {
            operatorFilter = operatorId.Length <= 36 && Guid.TryParse(operatorId, out var id) ? id : throw DomainException.Invalid("operatorId is not an operator id (a UUID).");
        }

        var csv = format switch
        {
            null or "" => acceptsCsv,
            { Length: > MaxNameLength } => throw DomainException.Invalid("format is csv or json."),
            _ when format.Equals("csv", StringComparison.OrdinalIgnoreCase) => true,
            _ when format.Equals("json", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw DomainException.Invalid("format is csv or json."),
        };
        return new ReportParameters(fromUtc, toUtc, zone, cut, kind, operatorFilter, csv);
    }

    /// <summary>The range of the same length just before this one.</summary>
    public ReportParameters Previous() => this with { FromUtc = FromUtc - (ToUtc - FromUtc), ToUtc = FromUtc };

    private static DateTimeOffset Instant(string text, string field, TimeZoneInfo zone)
    {
        var instant = ParseInstant(text, field, zone);
        return instant >= Earliest && instant <= Latest
            ? instant
            : throw DomainException.Invalid($"{field} is between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
    }

    private static DateTimeOffset ParseInstant(string text, string field, TimeZoneInfo zone)
    {
        if (text.Length <= 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1900 and <= 2200)
        {
            var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            // Midnight skipped by a clock change starts the day at the first valid minute after it.
            while (zone.IsInvalidTime(midnight))
            {
                midnight = midnight.AddMinutes(30);
            }

            return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        }

        if (text.Length <= MaxInstantLength && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && instant.Year is >= 1900 and <= 2200
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal)))
        {
            return instant;
        }

        throw DomainException.Invalid($"{field} is a date (2026-03-01) or a date-time with an offset (2026-03-01T09:00:00+03:00).");
    }

    private static T? ParseEnum<T>(string? text, string field, string allowed) where T : struct, Enum =>
        string.IsNullOrEmpty(text) ? null
        : text.Length <= MaxNameLength && !char.IsAsciiDigit(text[0]) && text[0] != '-' && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : throw DomainException.Invalid($"{field} is {allowed}.");

    private static DateTimeOffset Floor(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset at) =>
        at.UtcTicks % TimeSpan.TicksPerHour == 0 ? at.ToUniversalTime() : Floor(at).AddHours(1);
}
