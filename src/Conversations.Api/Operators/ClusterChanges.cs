namespace Conversations.Api.Operators;

/// <summary>
/// Signals when a silo of the cluster died (the host watches membership and calls <see cref="SiloDied"/>). Live feeds
/// then catch up from the database at once: a dead silo may have taken events in flight with it (the tenant's event
/// stream is in memory).
/// </summary>
public sealed class ClusterChanges
{
    private CancellationTokenSource _changed = new();

    /// <summary>Cancelled when the next silo is declared dead.</summary>
    public CancellationToken NextDeath => Volatile.Read(ref _changed).Token;

    /// <summary>A silo was declared dead.</summary>
    public void SiloDied()
    {
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
    }
}
