namespace Conversations.Channels.Media;

/// <summary>The background media fetcher's settings (<c>Channels:MediaFetch</c>).</summary>
public sealed class MediaFetchOptions
{
    /// <summary>How often an idle fetcher looks for new files (they are queued by messages committed on any silo).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Files claimed per round.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>Downloads at once.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>How long a claimed file is this silo's; after that another silo may fetch it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before the message is marked as not fetched.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; doubled after each next one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);
}
