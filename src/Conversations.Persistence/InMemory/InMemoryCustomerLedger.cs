using Conversations.Persistence.Customers;

namespace Conversations.Persistence.InMemory;

/// <summary>The embedded mode's <see cref="ICustomerLedger"/>: moves in the in-memory store, the audit trail in a list.</summary>
public sealed class InMemoryCustomerLedger(InMemoryConversationStore store) : ICustomerLedger
{
    private readonly Lock _gate = new();
    private readonly List<CustomerAuditEntry> _audit = [];

    /// <inheritdoc />
    public Task MoveConversationAsync(Guid tenantId, Guid conversationId, Guid customerId, CancellationToken cancellationToken = default)
    {
        store.MoveToCustomer(tenantId, conversationId, customerId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AppendAuditAsync(IReadOnlyList<CustomerAuditEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _audit.AddRange(entries);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerAuditEntry>> ReadAuditAsync(Guid tenantId, Guid customerId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<CustomerAuditEntry> found = [.. Enumerable.Reverse(_audit).Where(e => e.TenantId == tenantId && e.CustomerId == customerId).Take(limit)];
            return Task.FromResult(found);
        }
    }
}
