namespace Conversations.Channels.Delivery;

/// <summary>Pacing and retry policy of outbound delivery (section <c>Channels:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    /// <summary>
    /// Sustained messages per second into one chat, for every channel. Unset: each channel's figure from the
    /// <see cref="Conversations.Abstractions.Channels.ChannelCatalog"/>, or <see cref="DefaultPerChatPerSecond"/> where
    /// the platform states none.
    /// </summary>
    public double? PerChatPerSecond { get; set; }

    /// <summary>Messages one chat may receive at once before pacing starts (a bot reply of a few messages); unset: as above.</summary>
    public int? PerChatBurst { get; set; }

    /// <summary>Messages per second through one channel account, for every channel; unset: as above.</summary>
    public double? PerAccountPerSecond { get; set; }

    /// <summary>
    /// The channels whose per-chat pace is kept in the database and shared by every silo (<see cref="RecipientPace"/>:
    /// one statement per send), instead of in each silo's memory: where the platform enforces a per-recipient rate
    /// (WhatsApp's pair rate), so a chat whose sends move to another silo does not start with a full burst again.
    /// </summary>
    public List<Conversations.Abstractions.Channels.ChannelKind> SharedChatPace { get; set; } = [Conversations.Abstractions.Channels.ChannelKind.WhatsApp];

    /// <summary>Per-chat rate where neither this configuration nor the catalogue states one.</summary>
    public const double DefaultPerChatPerSecond = 1;

    /// <summary>Per-chat burst where neither this configuration nor the catalogue states one.</summary>
    public const int DefaultPerChatBurst = 3;

    /// <summary>Per-account rate where neither this configuration nor the catalogue states one.</summary>
    public const double DefaultPerAccountPerSecond = 30;

    /// <summary>Send attempts before a message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>First retry delay after a transient failure; doubles each attempt.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a claimed or pushed message is reserved for the silo sending it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a silo looks for due messages when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most messages claimed per round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Most messages pushed to this silo's dispatcher (committed here, held in memory until sent); beyond it new
    /// messages wait in the outbox for the poll.
    /// </summary>
    public int MaxPushed { get; set; } = 10_000;

    /// <summary>Sends in flight at once per silo (for pushed messages, and again for polled ones).</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>
    /// How long a stopping silo keeps finishing the sends it already claimed before it cancels them (a cancelled
    /// send may have reached the customer and is sent again after the lease).
    /// </summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);
}
