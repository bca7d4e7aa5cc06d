using System.Threading.RateLimiting;

namespace Conversations.Abstractions.Common.RateLimiting;

/// <summary>A lease of <see cref="ClockTokenBucket"/>: granted, or refused with the time until enough tokens are back.</summary>
internal sealed class TokenBucketLease : RateLimitLease
{
    private readonly TimeSpan? _retryAfter;

    private TokenBucketLease(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
    }

    /// <summary>A granted lease (nothing to release: tokens come back with time).</summary>
    public static TokenBucketLease Granted { get; } = new(true, null);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    /// <summary>A refusal; retrying after <paramref name="retryAfter"/> succeeds if nobody else took the tokens.</summary>
    public static TokenBucketLease Refused(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = _retryAfter;
        return _retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
    }
}
