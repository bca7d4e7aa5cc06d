using Conversations.Abstractions.Access;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Access;

/// <inheritdoc cref="IAccessChangesGrain" />
internal sealed partial class AccessChangesGrain(TimeProvider time, ILogger<AccessChangesGrain> logger) : Grain, IAccessChangesGrain
{
    /// <summary>A silo that has not renewed for this long is dropped (it is gone, or it will find out on renewal).</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one silo may take to drop an entry before it is given up on and unsubscribed (so a silo in the
    /// seconds before it is declared dead does not hold up an admin's change; it clears everything when it renews).
    /// </summary>
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);

    // In memory only: after a re-activation every silo hears "not subscribed" on renewal and drops its whole cache.
    private readonly Dictionary<IAccessChangeObserver, DateTimeOffset> _silos = [];

    /// <inheritdoc />
    public Task<bool> SubscribeAsync(IAccessChangeObserver observer)
    {
        DropExpired();
        var known = _silos.ContainsKey(observer);
        _silos[observer] = time.GetUtcNow();
        return Task.FromResult(known);
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(IAccessChangeObserver observer)
    {
        _silos.Remove(observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task PublishAsync(AccessChange change)
    {
        DropExpired();
        var deliveries = _silos.Keys.Select(async silo =>
        {
            try
            {
                await silo.AccessChangedAsync(change).WaitAsync(DeliveryTimeout, time);
                return (Silo: silo, Delivered: true);
            }
            catch (Exception ex)
            {
                LogDeliveryFailed(logger, ex);
                return (Silo: silo, Delivered: false);
            }
        }).ToList();
        foreach (var (silo, delivered) in await Task.WhenAll(deliveries))
        {
            if (!delivered)
            {
                _silos.Remove(silo); // it missed this change: its next renewal is told so and drops everything
            }
        }
    }

    private void DropExpired()
    {
        var oldest = time.GetUtcNow() - Expiry;
        foreach (var (silo, renewed) in _silos.ToList())
        {
            if (renewed < oldest)
            {
                _silos.Remove(silo);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A silo did not confirm a credential change; it is unsubscribed and drops its whole cache when it renews")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception);
}
