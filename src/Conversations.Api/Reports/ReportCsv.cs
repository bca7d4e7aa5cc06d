using System.Globalization;
using System.Text;
using Conversations.Api.Contracts.Reports;

namespace Conversations.Api.Reports;

/// <summary>A report as CSV (RFC 4180, comma, CRLF): the grouping columns of the report, then every measure.</summary>
public static class ReportCsv
{
    /// <summary>The measure columns, in order.</summary>
    public static IReadOnlyList<string> MeasureColumns { get; } =
    [
        "started", "contained_by_bot", "containment_rate", "handed_over", "handed_over_asked", "handed_over_bot_gave_up",
        "handed_over_scenario_step", "handed_over_low_rating", "handed_over_operator", "handed_over_other", "abandoned", "taken",
        "wait_p50_s", "wait_p90_s", "wait_avg_s", "first_response_p50_s", "first_response_p90_s", "first_response_avg_s",
        "resolved", "resolution_avg_s", "messages_per_conversation", "customer_messages", "bot_messages", "operator_messages",
        "surveys_offered", "surveys_answered", "response_rate", "average_score", "satisfied_rate",
        .. Enumerable.Range(0, 11).Select(n => "score_" + n.ToString(CultureInfo.InvariantCulture)),
        "handled", "handling_avg_s",
    ];

    /// <summary>The grouping columns of a report.</summary>
    public static IReadOnlyList<string> GroupColumns(ReportKind kind) => kind switch
    {
        ReportKind.Conversations => ["period", "channel"],
        ReportKind.Operators => ["operator_id"],
        ReportKind.Bot => ["entry_point"],
        _ => ["period"],
    };

    /// <summary>The CSV text of <paramref name="report"/>.</summary>
    public static string Write(ReportKind kind, ReportResponse report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Line(csv, [.. GroupColumns(kind), .. MeasureColumns]);
        foreach (var row in report.Rows)
        {
            IEnumerable<string?> group = kind switch
            {
                ReportKind.Conversations => [row.Period, row.Channel],
                ReportKind.Operators => [row.OperatorId?.ToString()],
                ReportKind.Bot => [row.EntryPoint],
                _ => [row.Period],
            };
            Line(csv, [.. group, .. Values(row.Measures)]);
        }

        return csv.ToString();
    }

    private static IEnumerable<string?> Values(ReportMeasures m) =>
    [
        N(m.Started), N(m.ContainedByBot), N(m.ContainmentRate), N(m.HandedOver), N(m.HandedOverAsked), N(m.HandedOverBotGaveUp),
        N(m.HandedOverScenarioStep), N(m.HandedOverLowRating), N(m.HandedOverOperator), N(m.HandedOverOther), N(m.Abandoned), N(m.Taken),
        N(m.WaitP50Seconds), N(m.WaitP90Seconds), N(m.WaitAverageSeconds), N(m.FirstResponseP50Seconds), N(m.FirstResponseP90Seconds),
        N(m.FirstResponseAverageSeconds), N(m.Resolved), N(m.ResolutionAverageSeconds), N(m.MessagesPerConversation), N(m.CustomerMessages),
        N(m.BotMessages), N(m.OperatorMessages), N(m.SurveysOffered), N(m.SurveysAnswered), N(m.ResponseRate), N(m.AverageScore),
        N(m.SatisfiedRate), .. m.ScoreDistribution.Select(n => N(n)), N(m.Handled), N(m.HandlingAverageSeconds),
    ];

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string N(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder csv, IEnumerable<string?> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    // Quotes a cell that needs it; a cell starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
    private static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
