namespace Conversations.LoadTests;

/// <summary>What one rate step measured.</summary>
/// <param name="Target">"conversations" (the silos), "bare-webhook" (the same-run ceiling).</param>
/// <param name="OfferedRate">Messages per second the step offered.</param>
/// <param name="AcceptedPerSecond">Acknowledged messages per second of the step's wall time.</param>
/// <param name="Offered">Messages the step was to send (rate × seconds).</param>
/// <param name="Acknowledged">Messages acknowledged (2xx), after redeliveries.</param>
/// <param name="Ack">From each message's due time to its acknowledgement.</param>
/// <param name="BotReply">From each message's due time to its own bot reply at the Bot API stand-in; a reply still missing at the step's end counts with its wait so far.</param>
/// <param name="BotReplies">How many of the step's messages the bot answers, and how many replies were late or missing.</param>
/// <param name="OperatorScreen">From each message's due time to the operators' feed showing it.</param>
/// <param name="GeneratorLag">How late the generator started each send after its due time (its own falling behind).</param>
/// <param name="Errors">Refusals, retries and drops by kind.</param>
/// <param name="SiloMemoryMb">Resident memory of each silo after the step.</param>
/// <param name="CpuCores">CPU used during the step, in cores, per process (generator, bot-api, silo1…, bare-webhook), the whole machine, and the rest of it ("other": PostgreSQL and whatever else runs).</param>
internal sealed record PhaseResult(
    string Target,
    int OfferedRate,
    double AcceptedPerSecond,
    int Offered,
    int Acknowledged,
    LatencySummary Ack,
    LatencySummary? BotReply,
    BotReplyCount? BotReplies,
    LatencySummary? OperatorScreen,
    LatencySummary GeneratorLag,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyDictionary<string, double> SiloMemoryMb,
    IReadOnlyDictionary<string, double> CpuCores)
{
    /// <summary>The same figures per channel (Telegram, Widget, WhatsApp) of the silos' steps; null for the bare webhook.</summary>
    public IReadOnlyDictionary<string, ChannelFigures>? Channels { get; init; }

    /// <summary>Seconds until every reply owed and the operators' feeds caught up after the step (null: not waited for, or not within the limit).</summary>
    public double? DrainSeconds { get; init; }

    /// <summary>
    /// True when the step kept up: every offered message acknowledged (none dropped or refused), the rate held, ack p99
    /// within <paramref name="maxP99"/>, and every bot-answered message got its own reply within its limit.
    /// </summary>
    public bool KeptUp(TimeSpan maxP99) =>
        Acknowledged >= Offered && AcceptedPerSecond >= OfferedRate * 0.9 && Ack.P99 <= maxP99.TotalMilliseconds
        && (BotReplies is null || BotReplies is { Late: 0, Missing: 0 });
}

/// <summary>A step's bot-answered messages: how many, how many replies came after the limit, how many had none at the step's end.</summary>
internal sealed record BotReplyCount(int Expected, int Late, int Missing, double LimitMs);

/// <summary>One channel's share of a step: messages acknowledged and per second, ack latency, and (Telegram, WhatsApp) its bot replies.</summary>
internal sealed record ChannelFigures(int Acknowledged, double AcceptedPerSecond, LatencySummary Ack, LatencySummary? BotReply, BotReplyCount? BotReplies);
