namespace Conversations.Persistence.Reports;

/// <summary>Tuning of the report aggregator (<c>Conversations:Reports</c>).</summary>
public sealed class ReportOptions
{
    /// <summary>How often the aggregator counts the conversations that changed (reports lag by up to this).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Conversations per store batch.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// At start-up the aggregator counts again every conversation active within this window, so changes a stopped or
    /// crashed silo had not counted yet are not lost (a silo down for longer needs a recompute).
    /// </summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromHours(24);
}
