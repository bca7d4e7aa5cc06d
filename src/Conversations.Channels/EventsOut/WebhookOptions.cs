namespace Conversations.Channels.EventsOut;

/// <summary>How events out are queued and delivered (section <c>Conversations:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>How often the feed turns committed history into queued deliveries.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the dispatcher looks for due deliveries when the last look found fewer than a batch.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries claimed at once (each the oldest open one of its conversation and subscription).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Calls in flight at once per silo, so one slow endpoint holds only its own share.</summary>
    public int MaxParallel { get; set; } = 8;

    /// <summary>Wait after the first failed attempt; doubled after each further one.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a delivery is given up (a redeliver queues it again).</summary>
    public int MaxAttempts { get; set; } = 15;

    /// <summary>How long a claimed delivery is held by its silo; a silo that dies gives it back after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>At start-up, conversations active this recently whose events were not all queued are read again.</summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The wait before attempt <paramref name="failed"/> + 1, after <paramref name="failed"/> failed attempts.</summary>
    public TimeSpan BackoffAfter(int failed) =>
        TimeSpan.FromTicks((long)Math.Min(MaxBackoff.Ticks, InitialBackoff.Ticks * Math.Pow(2, Math.Max(0, failed - 1))));
}
