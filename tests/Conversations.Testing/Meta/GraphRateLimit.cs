namespace Conversations.Testing.Meta;

/// <summary>
/// One of the Cloud API's send budgets as the stand-in applies it: <c>capacity</c> messages at once, refilled at
/// <c>perSecond</c> on the stand-in's clock (a number's throughput, or a pair rate to one user).
/// </summary>
internal sealed class GraphRateLimit(double perSecond, int capacity, DateTimeOffset now)
{
    private double _tokens = capacity;
    private DateTimeOffset _updated = now;

    /// <summary>Takes one message from the budget; false when it is spent.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        if (now > _updated)
        {
            _tokens = Math.Min(capacity, _tokens + (now - _updated).TotalSeconds * perSecond);
            _updated = now;
        }

        // A hair of tolerance for the sender's floating-point arithmetic arriving at the same instant.
        if (_tokens < 1 - 1e-9)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
