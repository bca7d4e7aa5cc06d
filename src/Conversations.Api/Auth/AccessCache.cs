using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Conversations.Abstractions.Access;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;

namespace Conversations.Api.Auth;

/// <summary>
/// This silo's copy of what every request's credential is checked against: operators' role and security stamp,
/// and API keys. A hit is a dictionary lookup; a miss is one grain call. Entries are kept only while this silo is
/// subscribed to <see cref="IAccessChangesGrain"/> (see <see cref="AccessCacheSubscription"/>), which drops them on
/// every silo before a password change, a new role or a revoked key is acknowledged. Unknown credentials are not
/// kept (made-up keys must not fill memory); they cost a grain call each.
/// </summary>
public sealed class AccessCache(IGrainFactory grains) : IAccessChangeObserver
{
    private readonly ConcurrentDictionary<OperatorKey, OperatorAccess> _operators = new();
    private readonly ConcurrentDictionary<string, ApiKeyInfo> _apiKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<OperatorKey, CancellationTokenSource> _signals = new();

    // Storing and dropping take this lock, so a read that raced a change is never stored after the change dropped it.
    private readonly Lock _changes = new();
    private long _generation;
    private bool _subscribed;

    /// <summary>True while this silo hears every change, so entries are kept (false: each request reads the grains).</summary>
    public bool IsSubscribed
    {
        get
        {
            lock (_changes)
            {
                return _subscribed;
            }
        }
    }

    /// <summary>
    /// True when the operator of a validly signed token still exists with the stamp and role the token was issued with
    /// (a new password, a new role or removal make it false).
    /// </summary>
    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal token)
    {
        if (!Guid.TryParse(token.FindFirstValue(Claims.Tenant), out var tenantId)
            || token.OperatorId() is not { } operatorId
            || !long.TryParse(token.FindFirstValue(Claims.SecurityStamp), NumberStyles.None, CultureInfo.InvariantCulture, out var stamp))
        {
            return false; // tokens from before stamps existed, or not ours
        }

        return await GetOperatorAsync(new OperatorKey(tenantId, operatorId)) is { } current
            && current.SecurityStamp == stamp
            && token.FindFirstValue(Claims.Role) == current.Role.ToString();
    }

    /// <summary>
    /// A token cancelled at the next change of the operator's access heard by this silo, or whenever changes may have
    /// been missed: long-lived connections (the live feed) check the operator again then, instead of keeping the rights
    /// they were opened with. Take it before checking, so a change in between is not missed.
    /// </summary>
    public CancellationToken ChangeSignal(OperatorKey key)
    {
        lock (_changes)
        {
            if (!_subscribed)
            {
                return CancellationToken.None; // nothing is heard: the caller's periodic check is all there is
            }

            return _signals.GetOrAdd(key, _ => new CancellationTokenSource()).Token;
        }
    }

    /// <summary>The operator's current role and stamp, or null when they no longer exist.</summary>
    public async ValueTask<OperatorAccess?> GetOperatorAsync(OperatorKey key)
    {
        if (_operators.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var generation = Volatile.Read(ref _generation);
        var access = await grains.GetGrain<IOperatorGrain>(key.ToGrainKey()).GetAccessAsync();
        if (access is not null)
        {
            Store(_operators, key, access, generation);
        }

        return access;
    }

    /// <summary>The API key of <paramref name="tenantId"/> whose hash is <paramref name="keyHash"/>, or null (unknown or revoked).</summary>
    public async ValueTask<ApiKeyInfo?> GetApiKeyAsync(Guid tenantId, string keyHash)
    {
        if (_apiKeys.TryGetValue(keyHash, out var cached))
        {
            return cached;
        }

        var generation = Volatile.Read(ref _generation);
        var key = await grains.GetGrain<ITenantGrain>(tenantId).FindApiKeyAsync(keyHash);
        if (key is not null)
        {
            Store(_apiKeys, keyHash, key, generation);
        }

        return key;
    }

    /// <inheritdoc />
    public Task AccessChangedAsync(AccessChange change)
    {
        CancellationTokenSource? signal = null;
        lock (_changes)
        {
            _generation++;
            if (change.OperatorId is { } operatorId)
            {
                var key = new OperatorKey(change.TenantId, operatorId);
                _operators.TryRemove(key, out _);
                _signals.TryRemove(key, out signal);
            }

            if (change.ApiKeyHash is { } hash)
            {
                _apiKeys.TryRemove(hash, out _);
            }
        }

        Fire(signal);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The subscription was made or renewed; when it was not continuous (<paramref name="continued"/> false) changes
    /// may have been missed, so everything is dropped.
    /// </summary>
    public void Subscribed(bool continued)
    {
        List<CancellationTokenSource> signals = [];
        lock (_changes)
        {
            if (!continued)
            {
                signals = DropAll();
            }

            _subscribed = true;
        }

        signals.ForEach(Fire);
    }

    /// <summary>
    /// Changes may no longer reach this silo (the subscription failed, or a silo died and the grain that relays
    /// changes may have died with it): drop everything and read through until subscribed again.
    /// </summary>
    public void Unsubscribed()
    {
        List<CancellationTokenSource> signals;
        lock (_changes)
        {
            _subscribed = false;
            signals = DropAll();
        }

        signals.ForEach(Fire);
    }

    private void Store<TKey, TValue>(ConcurrentDictionary<TKey, TValue> entries, TKey key, TValue value, long readAtGeneration)
        where TKey : notnull
    {
        lock (_changes)
        {
            if (_subscribed && _generation == readAtGeneration)
            {
                entries[key] = value;
            }
        }
    }

    /// <summary>Drops every entry and takes every change signal, for the caller to fire outside the lock.</summary>
    private List<CancellationTokenSource> DropAll()
    {
        _generation++;
        _operators.Clear();
        _apiKeys.Clear();
        var signals = _signals.Values.ToList();
        _signals.Clear();
        return signals;
    }

    /// <summary>
    /// Fires a change signal outside the lock (its listeners' callbacks run on this thread). Not disposed: it holds no
    /// timer, and a listener may still be linking to its token.
    /// </summary>
    private static void Fire(CancellationTokenSource? signal) => signal?.Cancel();
}
