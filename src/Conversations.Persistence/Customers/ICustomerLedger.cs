namespace Conversations.Persistence.Customers;

/// <summary>
/// What merging and unmerging customers change beyond grain state: which customer a conversation and its messages
/// belong to, and the audit trail of changes made by hand. On PostgreSQL and in memory.
/// </summary>
public interface ICustomerLedger
{
    /// <summary>Makes a conversation, and every message in it, <paramref name="customerId"/>'s.</summary>
    Task MoveConversationAsync(Guid tenantId, Guid conversationId, Guid customerId, CancellationToken cancellationToken = default);

    /// <summary>Appends entries to the audit trail, in one transaction.</summary>
    Task AppendAuditAsync(IReadOnlyList<CustomerAuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>A customer's audit trail, newest first.</summary>
    Task<IReadOnlyList<CustomerAuditEntry>> ReadAuditAsync(Guid tenantId, Guid customerId, int limit, CancellationToken cancellationToken = default);
}
