using Conversations.Persistence.Scheduling;

namespace Conversations.Persistence.InMemory;

/// <summary>The embedded mode's <see cref="IScheduledMessageStore"/>: rows in a dictionary under one lock.</summary>
public sealed class InMemoryScheduledMessageStore : IScheduledMessageStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid Tenant, Guid Id), ScheduledMessage> _rows = [];

    /// <inheritdoc />
    public Task<(ScheduledMessage Message, bool Created)> AddAsync(ScheduledMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_rows.Values.FirstOrDefault(r => r.TenantId == message.TenantId && r.IdempotencyKey == message.IdempotencyKey) is { } existing)
            {
                return Task.FromResult((existing, false));
            }

            var row = message with { DueAt = message.SendAt, Status = ScheduledMessageStatus.Scheduled, Attempts = 0 };
            _rows[(row.TenantId, row.Id)] = row;
            return Task.FromResult((row, true));
        }
    }

    /// <inheritdoc />
    public Task<ScheduledMessage?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault((tenantId, id)));
        }
    }

    /// <inheritdoc />
    public Task<ScheduledMessage?> CancelAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_rows.GetValueOrDefault((tenantId, id)) is { Status: ScheduledMessageStatus.Scheduled } waiting)
            {
                _rows[(tenantId, id)] = waiting with { Status = ScheduledMessageStatus.Cancelled };
            }

            return Task.FromResult(_rows.GetValueOrDefault((tenantId, id)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduledMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<ScheduledMessage> claimed = [.. _rows.Values
                .Where(r => r.Status is ScheduledMessageStatus.Scheduled or ScheduledMessageStatus.Sending && r.DueAt <= now)
                .OrderBy(r => r.DueAt).Take(limit).ToList()
                .Select(r => _rows[(r.TenantId, r.Id)] = r with { Status = ScheduledMessageStatus.Sending, DueAt = now + lease, Attempts = r.Attempts + 1 })];
            return Task.FromResult(claimed);
        }
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(ScheduledMessage claim, ScheduledMessageStatus status, string? rule, string? detail, Guid? messageId,
        CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_rows.GetValueOrDefault((claim.TenantId, claim.Id)) is not { Status: ScheduledMessageStatus.Sending } row || row.DueAt != claim.DueAt)
            {
                return Task.FromResult(false);
            }

            _rows[(claim.TenantId, claim.Id)] = row with { Status = status, Rule = rule, Detail = detail, MessageId = messageId };
            return Task.FromResult(true);
        }
    }
}
