namespace Conversations.Persistence.Customers;

/// <summary>One change made to a customer by hand, as the audit trail keeps it.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="CustomerId">The customer changed.</param>
/// <param name="At">When.</param>
/// <param name="ActorId">The operator (or agent key) who did it; null for a tenant-wide API key.</param>
/// <param name="ActorName">Their name at the time.</param>
/// <param name="Action">What happened: <c>merged</c>, <c>absorbed</c>, <c>unmerged</c>, <c>split-out</c>.</param>
/// <param name="Details">What moved, as a JSON object.</param>
public sealed record CustomerAuditEntry(
    Guid TenantId,
    Guid CustomerId,
    DateTimeOffset At,
    Guid? ActorId,
    string ActorName,
    string Action,
    string Details);
