namespace Conversations.Api.Reports;

/// <summary>How a report cuts time, in its time zone.</summary>
public enum ReportGranularity
{
    /// <summary>Hours.</summary>
    Hour,

    /// <summary>Days (a day with a clock change has 23 or 25 hours).</summary>
    Day,

    /// <summary>Weeks from Monday.</summary>
    Week,
}
