using System.Text.Json;
using Conversations.Abstractions.Customers;
using Conversations.Api.Contracts.Customers;
using Conversations.Api.Mappings;
using Conversations.Persistence.Customers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Api.Operators.Import;

/// <summary>
/// Applies imported rows to their customers behind the import: each row goes through the same
/// <see cref="IExternalCustomerGrain.UpsertAsync"/> as a push (created on the first, merged after), a few at a time,
/// then is marked applied. A row not marked (a crash, a failed call) is applied again on the next pass, which the
/// upsert makes harmless. Wakes when an import was written, and every few seconds.
/// </summary>
public sealed partial class CustomerImportApplier(ICustomerImportStore store, IGrainFactory grains, TimeProvider time, ILogger<CustomerImportApplier> logger)
    : BackgroundService
{
    private const int PassRows = 500;
    private const int Parallel = 16;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var applied = 0;
            try
            {
                applied = await ApplyPassAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }

            if (applied == 0)
            {
                await Task.Delay(Idle, time, stoppingToken);
            }
        }
    }

    /// <summary>Applies up to one pass of pending rows; returns how many were applied.</summary>
    public async Task<int> ApplyPassAsync(CancellationToken cancellationToken)
    {
        var pending = await store.ReadPendingAsync(PassRows, cancellationToken);
        var done = new System.Collections.Concurrent.ConcurrentBag<PendingCustomerImport>();
        await System.Threading.Tasks.Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (item, _) =>
            {
                var row = item.Row;
                var request = new UpsertCustomerRequest(row.Name, row.Phones, row.Emails,
                    JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(row.Attributes));
                try
                {
                    await grains.GetGrain<IExternalCustomerGrain>(ExternalCustomerKey.ToGrainKey(row.TenantId, row.ExternalId)).UpsertAsync(request.ToDomain(row.ExternalId));
                    done.Add(item);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRowFailed(logger, row.TenantId, ex);
                }
            });
        await store.MarkAppliedAsync([.. done], cancellationToken);
        return done.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying imported customers failed; the pass is retried")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An imported customer of tenant {TenantId} could not be applied; it is retried on the next pass")]
    private static partial void LogRowFailed(ILogger logger, Guid tenantId, Exception exception);
}
