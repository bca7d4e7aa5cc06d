namespace Conversations.Persistence.Outbox;

/// <summary>
/// Wakes this silo's outbox dispatcher as soon as something was committed to the outbox, so replies go out
/// without waiting for the next poll. Other silos find the rows by polling.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Something is waiting to be sent.</summary>
    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers any number of new rows.
        }
    }

    /// <summary>Waits for a signal or until <paramref name="until"/> (on the dispatcher's clock); true when signalled.</summary>
    public Task<bool> WaitAsync(DateTimeOffset until, TimeProvider time, CancellationToken cancellationToken)
    {
        var timeout = until - time.GetUtcNow();
        return timeout <= TimeSpan.Zero ? Task.FromResult(false) : WaitAsync(timeout, time, cancellationToken);
    }

    /// <summary>Waits for a signal or the timeout (with the dispatcher's clock); true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await _signal.WaitAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
