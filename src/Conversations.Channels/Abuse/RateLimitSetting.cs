namespace Conversations.Channels.Abuse;

/// <summary>One token bucket: <see cref="Burst"/> requests at once, refilled at <see cref="PerMinute"/> a minute.</summary>
public sealed class RateLimitSetting
{
    /// <summary>Requests allowed at once (the bucket's size); at least 1.</summary>
    public int Burst { get; set; }

    /// <summary>Requests a minute sustained (the refill rate); at least 1.</summary>
    public int PerMinute { get; set; }

    /// <summary>A bucket of <paramref name="burst"/> refilled at <paramref name="perMinute"/> a minute.</summary>
    public static RateLimitSetting Of(int burst, int perMinute) => new() { Burst = burst, PerMinute = perMinute };
}
