using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Persistence.Conversations;

/// <summary>
/// The loop of a reader of committed history behind the acknowledgement path (the report aggregator, the webhook feed):
/// at start-up it marks the conversations it may have missed while no silo ran it, then every
/// <see cref="FlushInterval"/> it reads what commits marked (<see cref="FlushAsync"/>); a flush that fails keeps its
/// marks, and the next interval tries again.
/// </summary>
/// <param name="changes">The marks the stores leave after each commit.</param>
/// <param name="time">The clock of the intervals.</param>
/// <param name="logger">Where the loop's failures go.</param>
public abstract partial class ChangedConversationsReader(ChangedConversations changes, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The marks the stores leave after each commit.</summary>
    protected ChangedConversations Changes => changes;

    /// <summary>The clock.</summary>
    protected TimeProvider Time => time;

    /// <summary>Where failures go.</summary>
    protected ILogger Logger => logger;

    /// <summary>How long between flushes.</summary>
    protected abstract TimeSpan FlushInterval { get; }

    /// <summary>Reads every marked conversation and takes its marks; returns how many results it made.</summary>
    public abstract Task<int> FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>The conversations to read at start-up: changed recently, possibly without this reader having seen them.</summary>
    protected abstract Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> MissedAsync(CancellationToken cancellationToken);

    /// <summary>Marks conversations to read (again) at the next flush.</summary>
    protected void Remark(IEnumerable<(Guid TenantId, Guid ConversationId)> conversations)
    {
        foreach (var (tenant, conversation) in conversations)
        {
            changes.Changed(tenant, conversation);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Remark(await MissedAsync(stoppingToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCatchUpFailed(logger, ex, GetType().Name);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(FlushInterval, time, stoppingToken);
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The flush logged and kept its marks; try again at the next interval.
                LogFlushRetry(logger, GetType().Name, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reader} did not finish this run ({Reason}); retrying at the next interval")]
    private static partial void LogFlushRetry(ILogger logger, string reader, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Reader} could not list the recently active conversations at start-up; their next change marks them")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string reader);
}
