namespace Conversations.Persistence.Media;

/// <summary>
/// Customers' files still to fetch. Rows enter with the message's commit (<c>ConversationCommit.MediaFetches</c>);
/// the background fetcher claims them under a lease, so a silo that dies mid-fetch leaves the row to another.
/// </summary>
public interface IMediaFetchQueue
{
    /// <summary>Claims up to <paramref name="limit"/> due rows for <paramref name="lease"/> (one silo per row).</summary>
    Task<IReadOnlyList<MediaFetchEntry>> ClaimAsync(DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>The fetch is settled (the message links the file or says why not): the row goes.</summary>
    Task CompleteAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The attempt failed for a passing reason: try again at <paramref name="nextAttemptAt"/>.</summary>
    Task RetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default);

    /// <summary>When the next row falls due (null when none), so the fetcher can sleep until then.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default);
}
