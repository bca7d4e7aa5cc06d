using System.Threading.RateLimiting;
using Conversations.Abstractions.Common.RateLimiting;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Abuse;

/// <summary>
/// The limits of <see cref="AbuseLimitOptions"/>, one partitioned limiter per <see cref="AbuseLimit"/>. Endpoints ask
/// it directly rather than through the rate-limiting middleware: their partitions (the visitor behind a token, whether a
/// message opens a conversation) are known only inside the endpoint, and one request passes several limits.
/// </summary>
public sealed class AbuseLimiter : IDisposable
{
    private readonly AbuseLimitOptions _options;
    private readonly Dictionary<AbuseLimit, PartitionedRateLimiter<string>> _limiters;

    /// <summary>Creates the limiters; time from <paramref name="time"/> (a fake clock in tests).</summary>
    public AbuseLimiter(IOptions<AbuseLimitOptions> options, TimeProvider time)
    {
        _options = options.Value;
        // The partitioned limiter drops buckets that have been full for a while, so idle visitors and addresses cost nothing.
        _limiters = Enum.GetValues<AbuseLimit>().ToDictionary(limit => limit, limit =>
        {
            var setting = _options.For(limit);
            return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.Get(key, _ => new ClockTokenBucket(setting.Burst, setting.PerMinute / 60.0, time)));
        });
    }

    /// <summary>
    /// Takes one request of <paramref name="partition"/> under <paramref name="limit"/>: null when allowed, otherwise
    /// the refusal (counted in <c>conversations.abuse.rejections</c>).
    /// </summary>
    public AbuseRejection? TryAcquire(AbuseLimit limit, string partition)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        using var lease = _limiters[limit].AttemptAcquire(partition);
        if (lease.IsAcquired)
        {
            return null;
        }

        var rejection = new AbuseRejection(limit, _options.For(limit),
            lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1));
        AbuseMetrics.Rejected(rejection);
        return rejection;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
