namespace Conversations.Grains.Scheduling;

/// <summary>How each silo polls the scheduled messages' due-time index (<c>Conversations:ScheduledMessages</c>).</summary>
public sealed class ScheduledMessageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Conversations:ScheduledMessages";

    /// <summary>How often each silo looks for due messages (a message fires at most this late).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim is the claiming silo's; a silo that dies holding one leaves it to another after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most rows one poll claims.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Claims after which a message that keeps failing for passing reasons is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 5;
}
