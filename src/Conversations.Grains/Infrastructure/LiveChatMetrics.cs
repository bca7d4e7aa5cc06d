using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Conversations.Grains.Infrastructure;

/// <summary>
/// Live-chat metrics (meter <c>Conversations.LiveChat</c>): handoffs, time in the queue, queue length, auto-releases,
/// idle closes and replies refused because a messenger's window had closed. Counters are recorded after the change
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

    static LiveChatMetrics() =>
        Meter.CreateObservableGauge("conversations.queue.length", () => Queues.Values.Sum(count => count()),
            description: "Customers waiting for an operator in the queues active on this silo (sum over silos for the cluster)");

    /// <summary>A conversation entered the queue.</summary>
    public static void Handoff(string channel) => Handoffs.Add(1, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>An operator took a waiting conversation after <paramref name="waited"/>.</summary>
    public static void Taken(TimeSpan waited) => QueueWait.Record(Math.Max(0, waited.TotalSeconds));

    /// <summary>A live chat was released by its timer.</summary>
    public static void AutoReleased() => AutoReleases.Add(1);

    /// <summary>A live chat was closed by its idle timer.</summary>
    public static void IdleClosed() => IdleCloses.Add(1);

    /// <summary>A reply was refused by the messaging window.</summary>
    public static void WindowRefused(string channel, bool humanOperator) =>
        WindowRefusals.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("sender", humanOperator ? "operator" : "bot"));

    /// <summary>An active queue grain reports its length through <paramref name="count"/> until <see cref="QueueDeactivated"/>.</summary>
    internal static void QueueActivated(Guid tenantId, Func<int> count) => Queues[tenantId] = count;

    /// <summary>The queue grain of <paramref name="tenantId"/> left this silo.</summary>
    internal static void QueueDeactivated(Guid tenantId) => Queues.TryRemove(tenantId, out _);
}
