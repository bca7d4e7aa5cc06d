namespace Conversations.Persistence.Outbox;

/// <summary>
/// Wakes this silo's outbox poll as soon as rows wait for it (committed behind an open row of their chat, handed
/// back, or committed while no dispatcher took pushes), so they go out without waiting for the next poll interval.
/// Rows pushed to the dispatcher (<see cref="OutboxPush"/>) need no wake-up; other silos find rows by polling.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private int _pending;

    /// <summary>Something is waiting to be sent.</summary>
    /// <remarks>
    /// Called on every commit with outbox rows, so it must stay cheap: only the first call after a wake-up touches the
    /// semaphore (one wake-up covers any number of new rows); the rest are one interlocked read. Releasing a full
    /// semaphore instead throws inside its lock, which under load made every committing grain queue on that lock.
    /// </remarks>
    public void Notify()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _signal.Release();
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
            // Cleared before the dispatcher claims: a Notify from here on signals again, and a commit that
            // notified before this line is already visible to the claim that follows.
            Volatile.Write(ref _pending, 0);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
