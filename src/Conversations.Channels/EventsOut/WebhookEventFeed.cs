using Conversations.Abstractions.Conversations;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.EventsOut;
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
    ILogger<WebhookEventFeed> logger) : ChangedConversationsReader(changes, time, logger)
{
    private const int HistoryPage = 500;
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>Queues the events of every conversation changed since the last run; returns how many events were queued.</summary>
    public override async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var taken = Changes.TakeAll().ToList();
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
                    LogQueueFailed(Logger, ex, taken.Count - i);
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
    protected override TimeSpan FlushInterval => options.Value.FlushInterval;

    /// <inheritdoc />
    protected override Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> MissedAsync(CancellationToken cancellationToken) =>
        store.BehindSinceAsync(Time.GetUtcNow() - options.Value.CatchUpWindow, cancellationToken);

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
            Changes.Changed(tenant, conversation); // a long stretch: the next page on the next run
        }

        var events = WebhookEventMapper.From(tenant, conversation, cursor.CustomerId, page);
        if (!await store.EnqueueAsync(tenant, conversation, cursor.LastSeq, page[^1].Seq, events, cancellationToken))
        {
            Changes.Changed(tenant, conversation); // another silo moved the cursor first: look again from where it left it
            return 0;
        }

        return events.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Queuing webhook events of {Count} conversations failed; they are read again on the next run")]
    private static partial void LogQueueFailed(ILogger logger, Exception exception, int count);
}
