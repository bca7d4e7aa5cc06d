using System.Collections.Concurrent;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Persistence.Reports;

/// <summary>
/// Keeps the report rollups current behind the acknowledgement path: every <see cref="ReportOptions.FlushInterval"/> it
/// takes the conversations the stores marked changed (<see cref="ReportChanges"/>), reads their committed histories,
/// and puts their figures in place (hourly and daily), in batches. Requested jobs run here too, never inside a request:
/// rebuilding a tenant's days in a new zone from its hours, and recomputing its rollups from history.
/// </summary>
public sealed partial class ReportAggregator(
    IConversationStore conversations,
    IReportStore reports,
    ReportChanges changes,
    TimeProvider time,
    IOptions<ReportOptions> options,
    ILogger<ReportAggregator> logger) : ChangedConversationsReader(changes, time, logger)
{
    private const int HistoryPage = 500;
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly ConcurrentDictionary<Guid, TimeZoneInfo> _dayRequests = new();
    private readonly ConcurrentDictionary<Guid, bool> _recomputeRequests = new();

    /// <summary>Asks for the tenant's days to be cut in <paramref name="zone"/>, rebuilt from its hours at the next run.</summary>
    public void RequestDays(Guid tenantId, TimeZoneInfo zone) => _dayRequests[tenantId] = zone;

    /// <summary>Asks for the tenant's rollups to be recomputed from its whole history at the next run.</summary>
    public void RequestRecompute(Guid tenantId) => _recomputeRequests[tenantId] = true;

    /// <summary>
    /// Counts every conversation changed since the last run, then runs the requested rebuilds and recomputes; returns how
    /// many conversations were counted for changes.
    /// </summary>
    public override async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        var counted = await CountChangedAsync(cancellationToken);
        foreach (var tenant in _dayRequests.Keys)
        {
            if (_dayRequests.TryRemove(tenant, out var zone))
            {
                await RebuildDaysAsync(tenant, zone, cancellationToken);
            }
        }

        foreach (var tenant in _recomputeRequests.Keys)
        {
            if (_recomputeRequests.TryRemove(tenant, out _))
            {
                try
                {
                    await RecomputeAsync(tenant, cancellationToken);
                }
                catch
                {
                    RequestRecompute(tenant); // asked for once, done once: tried again at the next run
                    throw;
                }
            }
        }

        return counted;
    }

    /// <summary>Cuts the tenant's days in <paramref name="zone"/>, rebuilt from its hourly rollups.</summary>
    public async Task RebuildDaysAsync(Guid tenantId, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            await reports.RebuildDaysAsync(tenantId, zone, cancellationToken);
            LogDaysRebuilt(Logger, tenantId, zone.Id);
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task<int> CountChangedAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var taken = Changes.TakeAll().ToList();
            var counted = 0;
            var size = Math.Max(1, options.Value.BatchSize);
            for (var start = 0; start < taken.Count; start += size)
            {
                try
                {
                    counted += await CountAsync(taken.GetRange(start, Math.Min(size, taken.Count - start)), cancellationToken);
                }
                catch (Exception ex)
                {
                    // Not lost: this batch and the ones after it are counted on the next run.
                    Remark(taken.Skip(start));
                    LogBatchFailed(Logger, ex, taken.Count - start);
                    throw;
                }
            }

            return counted;
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>
    /// Rebuilds the tenant's rollups from its whole history (after the definitions changed): forgets its figures, then
    /// counts every conversation again. Returns how many conversations were counted.
    /// </summary>
    public async Task<int> RecomputeAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            await reports.ClearAsync(tenantId, cancellationToken);
            var counted = 0;
            var after = Guid.Empty;
            while (true)
            {
                var ids = await reports.ConversationIdsAsync(tenantId, after, Math.Max(1, options.Value.BatchSize), cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }

                counted += await CountAsync([.. ids.Select(id => (tenantId, id))], cancellationToken);
                after = ids[^1];
            }

            LogRecomputed(Logger, tenantId, counted);
            return counted;
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
        reports.ActiveSinceAsync(Time.GetUtcNow() - options.Value.CatchUpWindow, cancellationToken);

    private async Task<int> CountAsync(IReadOnlyList<(Guid TenantId, Guid ConversationId)> batch, CancellationToken cancellationToken)
    {
        var facts = new List<ConversationFacts>(batch.Count);
        foreach (var (tenant, conversation) in batch)
        {
            var history = await ReadHistoryAsync(tenant, conversation, cancellationToken);
            if (ConversationFactsBuilder.From(tenant, conversation, history) is { } f)
            {
                facts.Add(f);
            }
        }

        await reports.ApplyAsync(facts, cancellationToken);
        return facts.Count;
    }

    private async Task<List<ChatMessage>> ReadHistoryAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken)
    {
        var history = new List<ChatMessage>();
        while (true)
        {
            var page = await conversations.ReadMessagesAsync(tenantId, conversationId,
                new HistoryQuery(history.Count == 0 ? 0 : history[^1].Seq, HistoryPage), cancellationToken);
            history.AddRange(page);
            if (page.Count < HistoryPage)
            {
                return history;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Counting a batch of {Count} conversations for reports failed; it is kept for the next run")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report days of tenant {TenantId} rebuilt in time zone {TimeZone}")]
    private static partial void LogDaysRebuilt(ILogger logger, Guid tenantId, string timeZone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report rollups of tenant {TenantId} recomputed from {Count} conversations")]
    private static partial void LogRecomputed(ILogger logger, Guid tenantId, int count);
}
