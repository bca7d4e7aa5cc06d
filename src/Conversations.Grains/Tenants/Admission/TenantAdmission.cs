using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Conversations.Abstractions.Common.RateLimiting;
using Conversations.Abstractions.Tenants.Admission;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Tenants.Admission;

/// <summary>
/// This silo's admission of tenants' work (<see cref="ITenantAdmission"/>): per tenant and kind of work, a token bucket
/// (<see cref="ClockTokenBucket"/>, the one the abuse limits use) and a concurrency limit, both sized at this silo's
/// share of the plan's budget: the budget divided by the active silos, read from cluster membership (the same rule as
/// the channels' delivery pacing), so the cluster together admits about the plan's budget. Plans and assignments are
/// read from <see cref="IPlanCatalogGrain"/> every <see cref="Ttl"/>; a changed plan or silo count gives the tenant
/// fresh limiters (the old ones are dropped when idle).
/// </summary>
public sealed partial class TenantAdmission : ITenantAdmission, IDisposable
{
    /// <summary>How long this silo trusts its copy of the plans (wall-clock freshness, not domain time).</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    /// <summary>When the concurrency bound refuses: a slot frees when some work ends, so look again soon.</summary>
    public static readonly TimeSpan ConcurrencyRetry = TimeSpan.FromMilliseconds(200);

    private static readonly Meter Meter = new("Conversations.Admission");
    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>("conversations.admission.refusals",
        description: "Pieces of a tenant's work held back by its plan (bot turns deferred, API calls refused, sends left waiting in the outbox), by work and bound");

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly Dictionary<(TenantWork Work, Guid TenantId), DateTimeOffset> _queued = [];
    private readonly ILogger<TenantAdmission> _logger;
    private readonly IClusterMembershipService? _membership;
    private readonly PartitionedRateLimiter<Partition> _tokens;
    private readonly PartitionedRateLimiter<Partition> _concurrency;
    private readonly Lock _lock = new();
    private Task<IReadOnlyDictionary<Guid, TenantPlan>>? _loading;
    private IReadOnlyDictionary<Guid, TenantPlan>? _plans;
    private long _readAt;
    private MembershipVersion _membershipVersion = MembershipVersion.MinValue;
    private int _silos = 1;

    /// <summary>Creates the limiters; tokens refill on <paramref name="time"/> (a fake clock in tests).</summary>
    public TenantAdmission(IGrainFactory grains, TimeProvider time, ILogger<TenantAdmission> logger, IClusterMembershipService? membership = null)
    {
        _grains = grains;
        _time = time;
        _logger = logger;
        _membership = membership;
        _tokens = PartitionedRateLimiter.Create<Partition, Partition>(key =>
            RateLimitPartition.Get(key, k => new ClockTokenBucket(k.Share.Burst, k.Share.PerSecond, time)));
        _concurrency = PartitionedRateLimiter.Create<Partition, Partition>(key =>
            RateLimitPartition.GetConcurrencyLimiter(key, k => new ConcurrencyLimiterOptions { PermitLimit = k.Share.Concurrent, QueueLimit = 0 }));
    }

    /// <inheritdoc />
    public async ValueTask<TenantAdmissionLease> AdmitAsync(TenantWork work, Guid tenantId)
    {
        var plans = await PlansAsync();
        if (!plans.TryGetValue(tenantId, out var plan))
        {
            return TenantAdmissionLease.Unbounded;
        }

        var share = plan.For(work).ShareOf(ActiveSilos());
        var key = new Partition(work, tenantId, share);
        var slot = _concurrency.AttemptAcquire(key);
        if (!slot.IsAcquired)
        {
            slot.Dispose();
            Refusals.Add(1, new KeyValuePair<string, object?>("work", work.ToString()), new KeyValuePair<string, object?>("bound", "concurrent"));
            return TenantAdmissionLease.Refused(ConcurrencyRetry,
                $"The plan '{plan.Name}' allows {share.Concurrent} {Noun(work)} at once on this server; retry shortly.");
        }

        using var token = _tokens.AttemptAcquire(key);
        if (!token.IsAcquired)
        {
            slot.Dispose();
            Refusals.Add(1, new KeyValuePair<string, object?>("work", work.ToString()), new KeyValuePair<string, object?>("bound", "rate"));
            var wait = Queue(work, tenantId, share.PerSecond, token.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1));
            return TenantAdmissionLease.Refused(wait,
                $"The plan '{plan.Name}' allows {plan.For(work).PerSecond:0.##} {Noun(work)} a second (a burst of {plan.For(work).Burst}) across the cluster.");
        }

        return TenantAdmissionLease.Granted(slot);
    }

    /// <summary>
    /// When a refused caller should come back: each refusal gets the next free slot one token apart (never before the
    /// bucket's own answer), so a backlog of deferred turns or waiting sends comes back spread at the budget's rate, in
    /// the order it was refused, instead of every waiter waking at the next token and all but one being refused again.
    /// </summary>
    private TimeSpan Queue(TenantWork work, Guid tenantId, double perSecond, TimeSpan earliest)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var last = _queued.GetValueOrDefault((work, tenantId), DateTimeOffset.MinValue);
            var at = now + earliest;
            if (last > now && last + TimeSpan.FromSeconds(1 / perSecond) > at)
            {
                at = last + TimeSpan.FromSeconds(1 / perSecond);
            }

            _queued[(work, tenantId)] = at;
            return at - now;
        }
    }

    /// <summary>Forgets the copy of the plans, so the next admission reads them (after a change made through this silo).</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _readAt = 0;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tokens.Dispose();
        _concurrency.Dispose();
    }

    private static string Noun(TenantWork work) => work switch
    {
        TenantWork.Inbound => "bot turns",
        TenantWork.Api => "API requests",
        _ => "sends",
    };

    private int ActiveSilos()
    {
        if (_membership?.CurrentSnapshot is not { } snapshot || snapshot.Version == _membershipVersion)
        {
            return _silos;
        }

        _silos = Math.Max(1, snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active));
        _membershipVersion = snapshot.Version;
        return _silos;
    }

    /// <summary>The plans by tenant: the copy in memory while fresh; one read at a time refreshes it, others keep using the old copy meanwhile.</summary>
    private ValueTask<IReadOnlyDictionary<Guid, TenantPlan>> PlansAsync()
    {
        Task<IReadOnlyDictionary<Guid, TenantPlan>> loading;
        lock (_lock)
        {
            var fresh = _readAt != 0 && Stopwatch.GetElapsedTime(_readAt) < Ttl;
            if (_plans is { } plans && (fresh || _loading is not null))
            {
                return ValueTask.FromResult(plans);
            }

            loading = _loading ??= LoadAsync();
        }

        return new ValueTask<IReadOnlyDictionary<Guid, TenantPlan>>(loading);
    }

    /// <summary>
    /// Reads the catalogue. When it cannot be read, admission keeps the last copy (or admits everything before the first):
    /// a fairness bound must never be the reason a customer's message is not stored.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, TenantPlan>> LoadAsync()
    {
        await Task.Yield(); // never complete inside the caller's lock
        try
        {
            IReadOnlyDictionary<Guid, TenantPlan> plans;
            try
            {
                plans = await _grains.GetGrain<IPlanCatalogGrain>(IPlanCatalogGrain.Key).GetAssignmentsAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPlansUnreadable(_logger, ex);
                plans = _plans ?? new Dictionary<Guid, TenantPlan>();
            }

            lock (_lock)
            {
                _plans = plans;
                _readAt = Stopwatch.GetTimestamp();
            }

            return plans;
        }
        finally
        {
            lock (_lock)
            {
                _loading = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tenants' plans could not be read; admission keeps its last copy for a while")]
    private static partial void LogPlansUnreadable(ILogger logger, Exception exception);

    /// <summary>One tenant's kind of work at one size of share: a changed plan or silo count is a new partition.</summary>
    private readonly record struct Partition(TenantWork Work, Guid TenantId, TenantBudget Share);
}
