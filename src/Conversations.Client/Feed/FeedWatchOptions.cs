namespace Conversations.Client.Feed;

/// <summary>How the live feed reconnects, and where it resumes.</summary>
public sealed class FeedWatchOptions
{
    /// <summary>The first wait before reconnecting; it doubles with each failure in a row, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A connection silent for this long is taken as dead and replaced (the server pings every 20 s, so a half-open
    /// connection that never says goodbye is noticed).
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(65);

    /// <summary>An event id from an earlier watch (see <see cref="FeedCatchUp.LastEventId"/>) to resume from; null starts from now.</summary>
    public string? LastEventId { get; init; }

    /// <summary>Told when the connection comes up or drops (with the reason); called on the feed's own flow, keep it short.</summary>
    public Action<FeedConnectionState, Exception?>? ConnectionChanged { get; init; }

    /// <summary>The clock for backoff waits and for the watch's start when the server sends no Date header.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
