namespace Conversations.Client.Feed;

/// <summary>Whether the live feed's connection is up.</summary>
public enum FeedConnectionState
{
    /// <summary>Connected; events flow (after a reconnect, the missed ones first).</summary>
    Connected,

    /// <summary>The connection dropped or could not be opened; the feed retries after a backoff.</summary>
    Disconnected,
}
