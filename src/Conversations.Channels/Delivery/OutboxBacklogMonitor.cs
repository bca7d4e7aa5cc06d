using System.Diagnostics.Metrics;
using Conversations.Persistence.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Delivery;

/// <summary>
/// Samples the outbox every <see cref="Interval"/> for the gauges <c>conversations.outbox.backlog</c> (messages not yet
/// accepted by a channel) and <c>conversations.outbox.oldest_age</c> (seconds the oldest of them has waited). Both
/// describe the whole cluster, so every silo reports the same figure: alert on the maximum, not the sum.
/// </summary>
public sealed partial class OutboxBacklogMonitor(IOutboxStore outbox, TimeProvider time, ILogger<OutboxBacklogMonitor> logger) : BackgroundService
{
    /// <summary>How often the outbox is sampled.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private static readonly Meter Meter = new("Conversations.Delivery.Backlog");
    private static long _open;
    private static double _oldestAgeSeconds;

    static OutboxBacklogMonitor()
    {
        Meter.CreateObservableGauge("conversations.outbox.backlog", () => Interlocked.Read(ref _open),
            description: "Outbound messages not yet accepted by their channel (cluster-wide; every silo reports the same)");
        Meter.CreateObservableGauge("conversations.outbox.oldest_age", () => Volatile.Read(ref _oldestAgeSeconds), "s",
            "How long the oldest undelivered outbound message has waited (cluster-wide)");
    }

    /// <summary>Takes one sample now. Internal for tests.</summary>
    internal async Task SampleAsync(CancellationToken cancellationToken)
    {
        var (open, oldest) = await outbox.GetBacklogAsync(cancellationToken);
        Interlocked.Exchange(ref _open, open);
        Volatile.Write(ref _oldestAgeSeconds, oldest is { } at ? Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : 0);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSampleFailed(logger, ex); // the database is away: keep the last figures
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sampling the outbox backlog failed")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
