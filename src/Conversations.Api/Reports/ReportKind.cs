namespace Conversations.Api.Reports;

/// <summary>The reports, each a grouping of the same figures.</summary>
public enum ReportKind
{
    /// <summary>Totals, the period before, and a time series.</summary>
    Overview,

    /// <summary>By period and channel.</summary>
    Conversations,

    /// <summary>By the operator who first took the conversations.</summary>
    Operators,

    /// <summary>By scenario entry point.</summary>
    Bot,

    /// <summary>By period, for the survey figures.</summary>
    Csat,
}
