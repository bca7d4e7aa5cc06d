using System.Threading.RateLimiting;

namespace Conversations.Channels.Abuse;

/// <summary>
/// A token bucket on an injected <see cref="TimeProvider"/>, refilled continuously as time passes (no timer).
/// The framework's <see cref="TokenBucketRateLimiter"/> refills on a timer and reads the stopwatch, so tests could
/// only wait in real time; this one moves with <c>FakeTimeProvider</c>, and its refusals say exactly when enough
/// tokens will be back (<see cref="MetadataName.RetryAfter"/>). It never queues: an anonymous caller is refused, not held.
/// </summary>
internal sealed class ClockTokenBucket : RateLimiter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly int _burst;
    private readonly double _perSecond;
    private double _tokens;
    private long _updatedAt;
    private long _successful;
    private long _failed;

    public ClockTokenBucket(RateLimitSetting setting, TimeProvider time)
    {
        _time = time;
        _burst = setting.Burst;
        _perSecond = setting.PerMinute / 60.0;
        _tokens = _burst;
        _updatedAt = time.GetTimestamp();
    }

    /// <summary>How long the bucket has been full: a full bucket is the same as a new one, so the partition may drop it.</summary>
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
