using Conversations.Abstractions.Access;
using Conversations.Api.Operators;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Api.Auth;

/// <summary>
/// Keeps this silo's <see cref="AccessCache"/> subscribed to <see cref="IAccessChangesGrain"/>: subscribes at start,
/// renews every <see cref="Renewal"/>, and, when a silo dies (the relaying grain may have been on it), drops the cache
/// and subscribes again at once.
/// </summary>
internal sealed partial class AccessCacheSubscription(
    AccessCache cache,
    IGrainFactory grains,
    ClusterChanges cluster,
    TimeProvider time,
    ILogger<AccessCacheSubscription> logger) : BackgroundService
{
    /// <summary>How often the subscription is renewed (well within the grain's expiry).</summary>
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(30);

    /// <summary>How soon a failed subscription is tried again (the cache reads through meanwhile).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);

    private IAccessChangeObserver? _reference;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The runtime holds local objects weakly; the cache is a singleton, so it lives as long as the reference
        // (which is not deleted on stopping: the silo's client is gone by then, and the process with it).
        _reference = grains.CreateObjectReference<IAccessChangeObserver>(cache);
        var relay = grains.GetGrain<IAccessChangesGrain>(IAccessChangesGrain.Key);
        while (!stoppingToken.IsCancellationRequested)
        {
            var death = cluster.NextDeath;
            var wait = Renewal;
            try
            {
                cache.Subscribed(await relay.SubscribeAsync(_reference));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                cache.Unsubscribed();
                LogSubscriptionFailed(logger, ex);
                wait = RetryAfterFailure;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, death);
            try
            {
                await Task.Delay(wait, time, wake.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                cache.Unsubscribed(); // a silo died: changes relayed meanwhile may not have reached us
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_reference is not null)
        {
            try
            {
                await grains.GetGrain<IAccessChangesGrain>(IAccessChangesGrain.Key).UnsubscribeAsync(_reference).WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || cancellationToken.IsCancellationRequested)
            {
                // Also when the host's stop ran out of time (the token fired while the call was on its way): a stop must
                // not throw for it, and the grain drops us after its expiry anyway.
                LogUnsubscribeFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to credential changes; every request reads the grains until it succeeds")]
    private static partial void LogSubscriptionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not unsubscribe from credential changes while stopping")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
