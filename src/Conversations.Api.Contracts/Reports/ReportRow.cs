namespace Conversations.Api.Contracts.Reports;

/// <summary>One line of a report: a period, channel, operator or entry point, as the report groups, and its figures.</summary>
/// <param name="Period">The period's start in the report's time zone (hour: <c>2026-03-29T01:00:00+01:00</c>; day and week: <c>2026-03-29</c>); null when the report does not group by time.</param>
/// <param name="Channel">The channel, when the report groups by channel.</param>
/// <param name="OperatorId">The operator who first took the conversations, when the report groups by operator.</param>
/// <param name="EntryPoint">The scenario entry point (start payload, "" for none), when the report groups by it.</param>
/// <param name="Measures">The figures.</param>
public sealed record ReportRow(string? Period, string? Channel, Guid? OperatorId, string? EntryPoint, ReportMeasures Measures);
