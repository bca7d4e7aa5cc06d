namespace Conversations.Channels.Delivery;

/// <summary>
/// A token bucket on an injected clock (so pacing is testable with a fake clock; the framework's rate limiters
/// read the real clock). Not thread-safe: callers lock.
/// </summary>
internal sealed class TokenBucket(double perSecond, int capacity, DateTimeOffset now)
{
    private double _tokens = capacity;
    private DateTimeOffset _updated = now;
    private double _perSecond = perSecond;
    private int _capacity = capacity;

    /// <summary>The rate it refills at.</summary>
    public double PerSecond => _perSecond;

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

        wait = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
        return false;
    }

    /// <summary>
    /// Takes <paramref name="count"/> tokens whether or not they are there (traffic that already happened, such as
    /// inbound messages the platform counts against the same budget): the sends after it wait for the debt, at most one
    /// bucket's worth.
    /// </summary>
    public void Spend(DateTimeOffset now, int count)
    {
        Refill(now);
        _tokens = Math.Max(-_capacity, _tokens - count);
    }

    /// <summary>Gives back a token taken for a send that did not happen.</summary>
    public void Return() => _tokens = Math.Min(_capacity, _tokens + 1);

    /// <summary>Changes the rate and size (the cluster grew or shrank); tokens above the new size are dropped.</summary>
    public void Resize(DateTimeOffset now, double perSecond, int capacity)
    {
        Refill(now);
        _perSecond = perSecond;
        _capacity = capacity;
        _tokens = Math.Min(_tokens, capacity);
    }

    /// <summary>True when full (an idle bucket that can be dropped).</summary>
    public bool IsFull(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= _capacity;
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _updated)
        {
            _tokens = Math.Min(_capacity, _tokens + (now - _updated).TotalSeconds * _perSecond);
            _updated = now;
        }
    }
}
