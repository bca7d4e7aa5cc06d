namespace Conversations.Persistence.Outbox;

/// <summary>
/// The pace one recipient may be sent at: <paramref name="PerSecond"/> sustained after a burst of
/// <paramref name="Burst"/>, kept as a generic cell rate algorithm (GCRA): one timestamp per recipient, the theoretical
/// arrival time (tat), instead of a token count and its refill time.
/// </summary>
/// <param name="PerSecond">Sustained sends per second (WhatsApp's pair rate: 1/6).</param>
/// <param name="Burst">Sends that may go at once after a quiet spell (at least 1).</param>
public readonly record struct RecipientPaceRate(double PerSecond, int Burst)
{
    /// <summary>The time one send takes from the budget.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(1 / PerSecond);

    /// <summary>How far ahead of now the tat may be for a send to go: the burst's room beyond the one send itself.</summary>
    public TimeSpan Tolerance => Interval * (Math.Max(1, Burst) - 1);

    /// <summary>
    /// One send's verdict at <paramref name="now"/> given the recipient's <paramref name="tat"/> (null: none yet): the new
    /// tat, and null when it may go, else how long until it may (the tat is then unchanged).
    /// </summary>
    public (DateTimeOffset Tat, TimeSpan? Wait) Take(DateTimeOffset? tat, DateTimeOffset now)
    {
        var from = tat is { } at && at > now ? at : now;
        return from - now <= Tolerance ? (from + Interval, null) : (tat!.Value, from - Tolerance - now);
    }

    /// <summary>The tat after the platform asked to hold the recipient off until <paramref name="until"/>: from then, no burst.</summary>
    public DateTimeOffset HoldOff(DateTimeOffset? tat, DateTimeOffset until) => tat is { } at && at > until + Tolerance ? at : until + Tolerance;
}
