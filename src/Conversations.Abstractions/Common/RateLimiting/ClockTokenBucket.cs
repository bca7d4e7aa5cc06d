using System.Threading.RateLimiting;

namespace Conversations.Abstractions.Common.RateLimiting;

/// <summary>
/// A token bucket on an injected <see cref="TimeProvider"/>, refilled continuously as time passes (no timer).
/// The framework's <see cref="TokenBucketRateLimiter"/> refills on a timer and reads the stopwatch, so tests could
/// only wait in real time; this one moves with <c>FakeTimeProvider</c>, and its refusals say exactly when enough
/// tokens will be back (<see cref="MetadataName.RetryAfter"/>). It never queues: a caller is refused, not held.
/// Shared by the abuse limits of the anonymous surfaces and the tenants' admission.
/// </summary>
public sealed class ClockTokenBucket : RateLimiter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly int _burst;
    private readonly double _perSecond;
    private double _tokens;
    private long _updatedAt;
    private long _successful;
    private long _failed;

    /// <summary>A full bucket of <paramref name="burst"/> tokens refilled at <paramref name="perSecond"/> a second.</summary>
    public ClockTokenBucket(int burst, double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _time = time;
        _burst = burst;
        _perSecond = perSecond;
        _tokens = _burst;
        _updatedAt = time.GetTimestamp();
    }

    /// <summary>How long the bucket has been full: a full bucket is the same as a new one, so the partition may drop it.</summary>
    /// <inheritdoc />
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens >= _burst ? _time.GetElapsedTime(_updatedAt) : null;
            }
        }
    }

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_tokens,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _burst);
        lock (_lock)
        {
            Refill();
            if (_tokens >= permitCount)
            {
                _tokens -= permitCount;
                _successful++;
                return TokenBucketLease.Granted;
            }

            _failed++;
            var seconds = (permitCount - _tokens) / _perSecond;
            return TokenBucketLease.Refused(TimeSpan.FromSeconds(seconds));
        }
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Refill()
    {
        if (_tokens >= _burst)
        {
            return; // full: keep the time it filled, for IdleDuration
        }

        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_updatedAt, now).TotalSeconds * _perSecond));
        _updatedAt = now;
    }
}
