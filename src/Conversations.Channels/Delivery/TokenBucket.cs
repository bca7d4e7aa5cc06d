namespace Conversations.Channels.Delivery;

/// <summary>
/// A token bucket on an injected clock (so pacing is testable with a fake clock; the framework's rate limiters
/// read the real clock). Not thread-safe: callers lock.
/// </summary>
internal sealed class TokenBucket(double perSecond, int capacity, DateTimeOffset now)
{
    private double _tokens = capacity;
    private DateTimeOffset _updated = now;

    /// <summary>Takes a token if one is there; otherwise says how long until one is.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan wait)
    {
        Refill(now);
        if (_tokens >= 1)
        {
            _tokens -= 1;
            wait = TimeSpan.Zero;
            return true;
        }

        wait = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
        return false;
    }

    /// <summary>Gives back a token taken for a send that did not happen.</summary>
    public void Return() => _tokens = Math.Min(capacity, _tokens + 1);

    /// <summary>True when full (an idle bucket that can be dropped).</summary>
    public bool IsFull(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= capacity;
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _updated)
        {
            _tokens = Math.Min(capacity, _tokens + (now - _updated).TotalSeconds * perSecond);
            _updated = now;
        }
    }
}
