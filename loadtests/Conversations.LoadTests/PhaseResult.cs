namespace Conversations.LoadTests;

/// <summary>What one rate step measured.</summary>
internal sealed record PhaseResult(
    string Target,
    int OfferedRate,
    double AcceptedPerSecond,
    int Sent,
    int Acknowledged,
    LatencySummary Ack,
    LatencySummary? BotReply,
    LatencySummary? OperatorScreen,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyDictionary<string, double> SiloMemoryMb)
{
    /// <summary>
    /// True when the step kept up: nearly everything accepted, ack p99 within bounds, and the bot's replies not
    /// piling up (bot reply p99 within twice that bound).
    /// </summary>
    public bool KeptUp(TimeSpan maxP99) =>
        Acknowledged >= Sent * 0.98 && AcceptedPerSecond >= OfferedRate * 0.9 && Ack.P99 <= maxP99.TotalMilliseconds
        && (BotReply is null || BotReply.P99 <= 2 * maxP99.TotalMilliseconds);
}
