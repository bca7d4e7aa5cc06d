namespace Conversations.Abstractions.Access;

/// <summary>
/// Carries credential changes to every silo's cache: silos subscribe (and renew), the grains that change rights
/// publish. One grain for the cluster, key <see cref="Key"/>: changes are rare (an admin's action), renewals cheap.
/// </summary>
public interface IAccessChangesGrain : IGrainWithIntegerKey
{
    /// <summary>The key of the one grain.</summary>
    const long Key = 0;

    /// <summary>
    /// Subscribes or renews <paramref name="observer"/> (renew well within <c>AccessChangesGrain.Expiry</c>). False
    /// when it was not subscribed (first time, expired, dropped after a failed delivery, or this grain was re-activated):
    /// it may have missed changes and must drop its whole cache.
    /// </summary>
    Task<bool> SubscribeAsync(IAccessChangeObserver observer);

    /// <summary>Stops sending changes to <paramref name="observer"/> (a silo shutting down).</summary>
    Task UnsubscribeAsync(IAccessChangeObserver observer);

    /// <summary>Tells every subscribed silo; returns once each has dropped the entry or been unsubscribed.</summary>
    Task PublishAsync(AccessChange change);
}
