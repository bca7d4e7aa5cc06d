namespace Conversations.Api.Contracts.Reports;

/// <summary>A report: its range and figures, in total, for the period before (overview only) and by line.</summary>
/// <param name="Report">overview, conversations, operators, bot or csat.</param>
/// <param name="From">Start of the range (inclusive, on a UTC hour).</param>
/// <param name="To">End of the range (exclusive, on a UTC hour).</param>
/// <param name="TimeZone">The IANA time zone periods are cut in.</param>
/// <param name="Granularity">hour, day or week (weeks start on Monday).</param>
/// <param name="Total">Figures of the whole range.</param>
/// <param name="Previous">Figures of the range of the same length just before (overview), for the change.</param>
/// <param name="Rows">The lines: by period (overview, csat), period and channel (conversations), operator (operators), entry point (bot).</param>
public sealed record ReportResponse(
    string Report,
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string Granularity,
    ReportMeasures Total,
    ReportMeasures? Previous,
    IReadOnlyList<ReportRow> Rows);
