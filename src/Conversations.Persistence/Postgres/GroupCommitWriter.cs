using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Persistence.Postgres;

/// <summary>
/// The group-commit writer: commits from all grains of the silo are queued and written by a few writer loops, each
/// taking every queued commit (up to a limit) into one transaction: one fsync for many messages. A caller's task
/// completes only after its transaction committed. The SQL is in <see cref="ConversationWrites"/>.
/// </summary>
/// <remarks>
/// A hosted service with a lifecycle of its own rather than loops started by a constructor: the loops start before any
/// hosted service starts (the silo among them, whose grains commit) and the queue drains after every hosted service
/// stopped, so conversations deactivating while the silo shuts down still get their commits written.
/// </remarks>
public sealed partial class GroupCommitWriter : IHostedLifecycleService, IAsyncDisposable
{
    /// <summary>How long stopping waits for the queued commits to be written.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private static readonly Meter Meter = new("Conversations.Persistence");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("conversations.store.batch_size", description: "Commits per database transaction");
    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("conversations.store.batch_duration", "ms", "Duration of one group-commit transaction");

    private readonly ConversationWrites _writes;
    private readonly BatchWriterOptions _options;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly OutboxPush? _push;
    private readonly Channel<PendingCommit> _queue = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task[] _writers = [];
    private bool _stopped;

    /// <summary>
    /// A writer on <paramref name="dataSource"/>; its loops run from <see cref="Start"/> (the host calls it) until it is
    /// stopped. With <paramref name="push"/>, outbox rows go to this silo's dispatcher in memory once committed; without
    /// it, every row waits for a dispatcher's poll.
    /// </summary>
    public GroupCommitWriter(NpgsqlDataSource dataSource, IOptions<BatchWriterOptions> options, ILogger<GroupCommitWriter> logger, OutboxPush? push = null)
    {
        _writes = new ConversationWrites(dataSource);
        _options = options.Value;
        _logger = logger;
        _push = push;
    }

    /// <summary>Queues <paramref name="commit"/>; the task completes once its transaction committed (or failed).</summary>
    public Task CommitAsync(ConversationCommit commit)
    {
        var pending = new PendingCommit(commit);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new StoreUnavailableException("The message store is shutting down.");
        }

        return pending.Completion.Task;
    }

    /// <summary>Starts the writer loops (once; not after stopping).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_writers.Length == 0 && !_stopped)
            {
                _writers = [.. Enumerable.Range(0, Math.Max(1, _options.Writers)).Select(_ => Task.Run(WriteLoopAsync))];
            }
        }
    }

    /// <summary>
    /// Stops taking commits and lets the queued ones finish, for up to <see cref="DrainTimeout"/> or until
    /// <paramref name="cancellationToken"/>; commits still queued after that fail with <see cref="StoreUnavailableException"/>.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        Task[] writers;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            writers = _writers;
        }

        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(writers).WaitAsync(DrainTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogDrainCut(_logger, ex, _queue.Reader.Count);
        }
        finally
        {
            await _stopping.CancelAsync();
            while (_queue.Reader.TryRead(out var left))
            {
                left.Completion.TrySetException(new StoreUnavailableException("The message store is shutting down."));
            }
        }
    }

    /// <summary>Drains like <see cref="DrainAsync"/> without a deadline of the caller's.</summary>
    public async ValueTask DisposeAsync()
    {
        await DrainAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingCommit>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        var stopping = _stopping.Token;
        try
        {
            while (await reader.WaitToReadAsync(stopping))
            {
                while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (batch.Count > 0)
                {
                    await WriteBatchAsync(batch);
                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            foreach (var item in batch)
            {
                item.Completion.TrySetException(new StoreUnavailableException("The message store is shutting down."));
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingCommit> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        BatchSize.Record(batch.Count);
        try
        {
            var (conflicts, outbox) = await ExecuteWithRetryAsync(batch);
            if (conflicts.Count == 0)
            {
                await HandOutboxAsync(outbox);
                foreach (var item in batch)
                {
                    item.Completion.TrySetResult();
                }
            }
            else
            {
                // Some rows had moved on: fail those, write the rest again without them.
                foreach (var item in batch.Where(i => conflicts.Contains(i.Commit.Conversation.ConversationId)))
                {
                    item.Completion.TrySetException(new ConcurrencyConflictException(item.Commit.Conversation.ConversationId));
                }

                var rest = batch.Where(i => !conflicts.Contains(i.Commit.Conversation.ConversationId)).ToList();
                if (rest.Count > 0)
                {
                    await WriteBatchAsync(rest);
                }
            }
        }
        catch (PostgresException ex) when (batch.Count > 1 && ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // One commit broke a unique rule and took the transaction with it: write each alone to isolate it.
            foreach (var item in batch)
            {
                await WriteBatchAsync([item]);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            var error = await ClassifyUniqueViolationAsync(batch[0].Commit, ex);
            if (error is null)
            {
                batch[0].Completion.TrySetResult();
            }
            else
            {
                batch[0].Completion.TrySetException(error);
            }
        }
        catch (Exception ex)
        {
            LogBatchFailed(_logger, ex, batch.Count);
            var error = ex as StoreUnavailableException ?? new StoreUnavailableException("The message store failed to commit.", ex);
            foreach (var item in batch)
            {
                item.Completion.TrySetException(error);
            }
        }
        finally
        {
            BatchDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// Gives the committed outbox rows to this silo's dispatcher (before the commits' callers hear back, so a reply is
    /// on its way when the message is acknowledged); rows nobody took go back to the poll.
    /// </summary>
    private async Task HandOutboxAsync(CommittedOutbox outbox)
    {
        if (_push is null || outbox.Pushed.Count == 0 && outbox.Waiting.Count == 0 && !outbox.Unpushed)
        {
            return;
        }

        // The batch is committed whatever happens here: a failure must not fail its callers. Rows not handed over stay
        // leased to this silo, and any silo's poll takes them over when the lease runs out.
        try
        {
            if (!_push.Hand(outbox.Pushed, outbox.Waiting, outbox.Unpushed))
            {
                await _writes.ReleaseAsync(outbox.Pushed, outbox.Pushed.Min(r => r.CreatedAt)); // due since they were committed
                _push.WakePoll();
            }
        }
        catch (Exception ex)
        {
            LogReleaseFailed(_logger, ex, outbox.Pushed.Count);
        }
    }

    /// <summary>The error to report, or null when the commit had in fact landed in an earlier attempt.</summary>
    private async Task<Exception?> ClassifyUniqueViolationAsync(ConversationCommit commit, PostgresException ex)
    {
        if (ex.ConstraintName == "messages_dedup")
        {
            var key = commit.Messages.Select(m => m.DedupKey).FirstOrDefault(k => k is not null);
            return new DuplicateMessageException(key ?? "?");
        }

        // A primary-key clash on (conversation, seq) is either another activation writing the same
        // conversation, or our own commit that did land before the connection dropped: tell them apart
        // by the message ids.
        if (ex.ConstraintName == "messages_pkey" && commit.Messages.Count > 0)
        {
            if (await _writes.AllMessagesStoredAsync(commit))
            {
                return null;
            }
        }

        return new ConcurrencyConflictException(commit.Conversation.ConversationId);
    }

    /// <summary>
    /// Runs the batch, retrying transient failures; returns the conversations whose row version check failed and how
    /// its outbox rows went in.
    /// </summary>
    private async Task<(HashSet<Guid> Conflicts, CommittedOutbox Outbox)> ExecuteWithRetryAsync(List<PendingCommit> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _writes.ExecuteAsync([.. batch.Select(b => b.Commit)], _push?.Lease);
            }
            catch (NpgsqlException ex) when (ex.IsTransient && System.Diagnostics.Stopwatch.GetElapsedTime(started) + delay < _options.RetryFor && !_stopping.IsCancellationRequested)
            {
                LogTransientRetry(_logger, ex, attempt, batch.Count);
                await Task.Delay(delay);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
            catch (NpgsqlException ex) when (ex.IsTransient)
            {
                throw new StoreUnavailableException("The database is unreachable.", ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unreachable on attempt {Attempt}; retrying a batch of {Count} commits")]
    private static partial void LogTransientRetry(ILogger logger, Exception exception, int attempt, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} commits failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing {Count} pushed outbox rows to the dispatcher or back to the poll failed; they are taken over when their lease runs out")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping cut the group-commit drain short; {Count} queued commits fail")]
    private static partial void LogDrainCut(ILogger logger, Exception exception, int count);
}
