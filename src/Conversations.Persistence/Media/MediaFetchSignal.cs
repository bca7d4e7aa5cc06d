namespace Conversations.Persistence.Media;

/// <summary>
/// Wakes this silo's media fetcher as soon as a commit queued a customer's file, so it is fetched without waiting
/// for the next poll (which is how other silos find it).
/// </summary>
public sealed class MediaFetchSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private int _pending;

    /// <summary>A file is waiting to be fetched (cheap: only the first call after a wake-up touches the semaphore).</summary>
    public void Notify()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Waits for a signal or the timeout (on the fetcher's clock); true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await _signal.WaitAsync(linked.Token);
            Volatile.Write(ref _pending, 0);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
