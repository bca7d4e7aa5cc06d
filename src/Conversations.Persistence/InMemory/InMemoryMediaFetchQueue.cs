using Conversations.Persistence.Media;

namespace Conversations.Persistence.InMemory;

/// <summary>The embedded mode's media fetch queue, filled by <see cref="InMemoryConversationStore"/>'s commits.</summary>
public sealed class InMemoryMediaFetchQueue : IMediaFetchQueue
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, (MediaFetch Fetch, int Attempts, DateTimeOffset Due)> _rows = [];
    private long _nextId;

    /// <summary>Queues fetches (called inside the store's commit).</summary>
    public void Enqueue(IEnumerable<MediaFetch> fetches)
    {
        lock (_gate)
        {
            foreach (var fetch in fetches)
            {
                _rows[++_nextId] = (fetch, 0, fetch.QueuedAt);
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MediaFetchEntry>> ClaimAsync(DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var due = _rows.Where(r => r.Value.Due <= now).OrderBy(r => r.Value.Due).Take(limit).ToList();
            foreach (var (id, row) in due)
            {
                _rows[id] = (row.Fetch, row.Attempts + 1, now + lease);
            }

            return Task.FromResult<IReadOnlyList<MediaFetchEntry>>([.. due.Select(r => new MediaFetchEntry(r.Key, r.Value.Fetch, r.Value.Attempts))]);
        }
    }

    /// <inheritdoc />
    public Task CompleteAsync(long id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _rows.Remove(id);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(id, out var row))
            {
                _rows[id] = row with { Due = nextAttemptAt };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.Count == 0 ? (DateTimeOffset?)null : _rows.Values.Min(r => r.Due));
        }
    }
}
