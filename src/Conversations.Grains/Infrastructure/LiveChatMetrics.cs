using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Conversations.Grains.Infrastructure;

/// <summary>
/// Live-chat metrics (meter <c>Conversations.LiveChat</c>): handoffs, time in the queue, queue length, auto-releases,
/// idle closes and how late their timers fired, the bot's reply latency, and replies refused because a messenger's
/// window had closed. Counters are recorded after the change
/// committed, so a failed commit counts nothing.
/// </summary>
public static class LiveChatMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Conversations.LiveChat";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<Guid, Func<int>> Queues = new();

    private static readonly Counter<long> Handoffs = Meter.CreateCounter<long>("conversations.handoffs", description: "Conversations handed from the bot to the operator queue, by channel");
    private static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>("conversations.queue.wait", "s", "Time a customer waited in the queue until an operator took the chat");
    private static readonly Counter<long> AutoReleases = Meter.CreateCounter<long>("conversations.auto_releases", description: "Live chats given back to the bot because the operator stayed silent");
    private static readonly Counter<long> IdleCloses = Meter.CreateCounter<long>("conversations.idle_closes", description: "Live chats closed because the customer stayed silent");
    private static readonly Counter<long> WindowRefusals = Meter.CreateCounter<long>("conversations.window.refusals", description: "Replies refused because the channel's messaging window had closed, by channel and sender");
    private static readonly Histogram<double> TimerLateness = Meter.CreateHistogram<double>("conversations.timers.lateness", "s",
        "How long after its deadline a live-chat timer (auto_release, idle_close) did its work; large values mean timers are overdue",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900] });
    private static readonly Histogram<double> BotReplyLatency = Meter.CreateHistogram<double>("conversations.bot.reply_latency", "s",
        "From a customer message stored to the bot's reply committed (inline turns are near zero; a turn that waited for the bot or an outside call is not), by channel",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    static LiveChatMetrics() =>
        Meter.CreateObservableGauge("conversations.queue.length", () => Queues.Values.Sum(count => count()),
            description: "Customers waiting for an operator in the queues active on this silo (sum over silos for the cluster)");

    /// <summary>A conversation entered the queue.</summary>
    public static void Handoff(string channel) => Handoffs.Add(1, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>An operator took a waiting conversation after <paramref name="waited"/>.</summary>
    public static void Taken(TimeSpan waited) => QueueWait.Record(Math.Max(0, waited.TotalSeconds));

    /// <summary>A live chat was released by its timer, <paramref name="late"/> after its deadline.</summary>
    public static void AutoReleased(TimeSpan late)
    {
        AutoReleases.Add(1);
        TimerLateness.Record(Math.Max(0, late.TotalSeconds), new KeyValuePair<string, object?>("timer", "auto_release"));
    }

    /// <summary>A live chat was closed by its idle timer, <paramref name="late"/> after its deadline.</summary>
    public static void IdleClosed(TimeSpan late)
    {
        IdleCloses.Add(1);
        TimerLateness.Record(Math.Max(0, late.TotalSeconds), new KeyValuePair<string, object?>("timer", "idle_close"));
    }

    /// <summary>The bot's reply to a customer message of <paramref name="channel"/> committed <paramref name="after"/> the message was stored.</summary>
    public static void BotReplied(string channel, TimeSpan after) =>
        BotReplyLatency.Record(Math.Max(0, after.TotalSeconds), new KeyValuePair<string, object?>("channel", channel));

    /// <summary>A reply was refused by the messaging window.</summary>
    public static void WindowRefused(string channel, bool humanOperator) =>
        WindowRefusals.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("sender", humanOperator ? "operator" : "bot"));

    /// <summary>An active queue grain reports its length through <paramref name="count"/> until <see cref="QueueDeactivated"/>.</summary>
    internal static void QueueActivated(Guid tenantId, Func<int> count) => Queues[tenantId] = count;

    /// <summary>The queue grain of <paramref name="tenantId"/> left this silo.</summary>
    internal static void QueueDeactivated(Guid tenantId) => Queues.TryRemove(tenantId, out _);
}
