using Conversations.Abstractions.Conversations;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.EventsOut;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.EventsOut;

/// <summary>
/// Queues webhook deliveries from committed history, behind the acknowledgement path: every
/// <see cref="WebhookOptions.FlushInterval"/> it takes the conversations this silo's commits marked changed
/// (<see cref="WebhookChanges"/>, an in-memory set), and for those of tenants with a subscription reads the messages after
/// the conversation's cursor, maps them to events (<see cref="WebhookEventMapper"/>) and queues them with the cursor moved,
/// in one transaction. A silo that dies before a flush loses only marks: at start-up the feed reads again every recently
/// active conversation whose cursor is behind.
/// </summary>
public sealed partial class WebhookEventFeed(
    IWebhookStore store,
    IConversationStore conversations,
    WebhookChanges changes,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookEventFeed> logger) : BackgroundService
{
    private const int HistoryPage = 500;
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>Queues the events of every conversation changed since the last run; returns how many events were queued.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var taken = changes.TakeAll().ToList();
            if (taken.Count == 0)
            {
                return 0;
            }

            IReadOnlySet<Guid> subscribed;
            try
            {
                subscribed = await store.SubscribedTenantsAsync([.. taken.Select(c => c.TenantId).Distinct()], cancellationToken);
            }
            catch
            {
                Remark(taken);
                throw;
            }

            var queued = 0;
            for (var i = 0; i < taken.Count; i++)
            {
                var (tenant, conversation) = taken[i];
                if (!subscribed.Contains(tenant))
                {
                    continue;
                }

                try
                {
                    queued += await QueueAsync(tenant, conversation, cancellationToken);
                }
                catch (Exception ex)
                {
                    // Not lost: this conversation and the ones after it are read again on the next run.
                    Remark(taken.Skip(i));
                    LogQueueFailed(logger, ex, taken.Count - i);
                    throw;
                }
            }

            return queued;
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Remark(await store.BehindSinceAsync(time.GetUtcNow() - options.Value.CatchUpWindow, stoppingToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCatchUpFailed(logger, ex);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.FlushInterval, time, stoppingToken);
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogFlushRetry(logger, ex.GetType().Name);
            }
        }
    }

    private async Task<int> QueueAsync(Guid tenant, Guid conversation, CancellationToken cancellationToken)
    {
        if (await store.ReadCursorAsync(tenant, conversation, cancellationToken) is not { } cursor || cursor.LastSeq >= cursor.CommittedSeq)
        {
            return 0;
        }

        var page = await conversations.ReadMessagesAsync(tenant, conversation, new HistoryQuery(cursor.LastSeq, HistoryPage), cancellationToken);
        if (page.Count == 0)
        {
            return 0;
        }

        if (page[^1].Seq < cursor.CommittedSeq)
        {
            changes.Changed(tenant, conversation); // a long stretch: the next page on the next run
        }

        var events = WebhookEventMapper.From(tenant, conversation, cursor.CustomerId, page);
        if (!await store.EnqueueAsync(tenant, conversation, cursor.LastSeq, page[^1].Seq, events, cancellationToken))
        {
            changes.Changed(tenant, conversation); // another silo moved the cursor first: look again from where it left it
            return 0;
        }

        return events.Count;
    }

    private void Remark(IEnumerable<(Guid TenantId, Guid ConversationId)> conversationsToRead)
    {
        foreach (var (tenant, conversation) in conversationsToRead)
        {
            changes.Changed(tenant, conversation);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Queuing webhook events of {Count} conversations failed; they are read again on the next run")]
    private static partial void LogQueueFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook events not queued this run ({Reason}); retrying at the next interval")]
    private static partial void LogFlushRetry(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook feed could not list conversations behind at start-up; their next message queues them")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception);
}
