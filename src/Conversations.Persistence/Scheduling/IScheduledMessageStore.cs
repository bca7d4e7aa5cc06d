namespace Conversations.Persistence.Scheduling;

/// <summary>
/// Scheduled messages in one table with one due-time index, polled by every silo: a waiting message costs a row, no
/// grain and no timer. A claim takes due rows with a lease (<c>FOR UPDATE SKIP LOCKED</c>: two silos never take the
/// same row); a silo that dies holding one leaves it to be claimed again when the lease ends.
/// </summary>
public interface IScheduledMessageStore
{
    /// <summary>Stores <paramref name="message"/>, or answers the one already scheduled with its idempotency key (Created false).</summary>
    Task<(ScheduledMessage Message, bool Created)> AddAsync(ScheduledMessage message, CancellationToken cancellationToken = default);

    /// <summary>The tenant's scheduled message, or null.</summary>
    Task<ScheduledMessage?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Cancels it while it still waits; answers it as it is now (cancelled, or already past waiting), null when the tenant has none.</summary>
    Task<ScheduledMessage?> CancelAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> rows due at <paramref name="now"/> (waiting ones past their time, and
    /// claimed ones whose lease ran out), oldest first, each until <c>now + lease</c>.
    /// </summary>
    Task<IReadOnlyList<ScheduledMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the outcome of a claim, only while it is still the caller's (the row is sending with the lease
    /// <paramref name="claim"/> set); false when the lease was lost meanwhile.
    /// </summary>
    Task<bool> CompleteAsync(ScheduledMessage claim, ScheduledMessageStatus status, string? rule, string? detail, Guid? messageId,
        CancellationToken cancellationToken = default);
}
