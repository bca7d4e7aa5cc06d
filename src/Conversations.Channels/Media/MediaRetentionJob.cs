using Conversations.Persistence.Media;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Media;

/// <summary>
/// Deletes files past their tenant's retention (<see cref="MediaLimits.RetentionDays"/>; none by default, so files
/// are kept forever) every <see cref="MediaOptions.RetentionInterval"/>, on the injected clock. Age counts from a
/// file's last upload (the same bytes stored again renew it). Tenants with limits of their own follow them; every
/// other tenant follows the default. Runs on every silo: deletes are idempotent and batched, so two silos at once
/// only share the work. A message whose file is gone keeps its reference and downloads as 404.
/// </summary>
public sealed partial class MediaRetentionJob(IMediaStore store, IOptionsMonitor<MediaOptions> options, TimeProvider time, ILogger<MediaRetentionJob> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.RetentionInterval, time, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The next round tries again; nothing is lost by waiting.
                LogRoundFailed(logger, ex);
            }
        }
    }

    /// <summary>Deletes every file past its tenant's retention now; returns how many. Internal for tests.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var now = time.GetUtcNow();
        var batch = Math.Max(1, current.RetentionBatchSize);
        var deleted = 0;
        foreach (var (tenantId, limits) in current.Tenants)
        {
            if (limits.RetentionDays is { } days)
            {
                var count = await DrainAsync(limit => store.DeleteOlderThanAsync(tenantId, now.AddDays(-days), limit, cancellationToken), batch);
                if (count > 0)
                {
                    LogTenantDeleted(logger, count, tenantId, days);
                }

                deleted += count;
            }
        }

        if (current.Default.RetentionDays is { } defaultDays)
        {
            var except = current.Tenants.Keys.ToArray();
            var count = await DrainAsync(limit => store.DeleteAllOlderThanAsync(now.AddDays(-defaultDays), except, limit, cancellationToken), batch);
            if (count > 0)
            {
                LogDefaultDeleted(logger, count, defaultDays);
            }

            deleted += count;
        }

        return deleted;
    }

    private static async Task<int> DrainAsync(Func<int, Task<int>> deleteBatch, int batch)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch(batch);
            total += deleted;
        }
        while (deleted == batch);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Media retention deleted {Count} files of tenant {TenantId} (kept {Days} days)")]
    private static partial void LogTenantDeleted(ILogger logger, int count, Guid tenantId, int days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Media retention deleted {Count} files of tenants on the default retention ({Days} days)")]
    private static partial void LogDefaultDeleted(ILogger logger, int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A media retention round failed; the next one tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
