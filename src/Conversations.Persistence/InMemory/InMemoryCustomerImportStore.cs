using Conversations.Persistence.Customers;

namespace Conversations.Persistence.InMemory;

/// <summary><see cref="ICustomerImportStore"/> in memory, with the same rules as on PostgreSQL.</summary>
public sealed class InMemoryCustomerImportStore : ICustomerImportStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid, string), (CustomerImportRow Row, DateTimeOffset At, bool Applied)> _rows = [];

    /// <inheritdoc />
    public Task<CustomerImportBatchResult> UpsertAsync(IReadOnlyList<CustomerImportRow> rows, DateTimeOffset importedAt, CancellationToken cancellationToken = default)
    {
        int created = 0, changed = 0;
        lock (_gate)
        {
            foreach (var row in rows)
            {
                var key = (row.TenantId, row.ExternalId);
                if (!_rows.TryGetValue(key, out var stored))
                {
                    created++;
                }
                else if (!Same(stored.Row, row))
                {
                    changed++;
                }
                else
                {
                    continue;
                }

                _rows[key] = (row, importedAt, false);
            }
        }

        return Task.FromResult(new CustomerImportBatchResult(created, changed, rows.Count - created - changed));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingCustomerImport>> ReadPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PendingCustomerImport>>([.. _rows.Values.Where(r => !r.Applied).OrderBy(r => r.At).Take(limit)
                .Select(r => new PendingCustomerImport(r.Row, r.At))]);
        }
    }

    /// <inheritdoc />
    public Task MarkAppliedAsync(IReadOnlyList<PendingCustomerImport> applied, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var a in applied)
            {
                var key = (a.Row.TenantId, a.Row.ExternalId);
                if (_rows.TryGetValue(key, out var stored) && stored.At == a.ImportedAt)
                {
                    _rows[key] = stored with { Applied = true };
                }
            }
        }

        return Task.CompletedTask;
    }

    private static bool Same(CustomerImportRow a, CustomerImportRow b) =>
        a.Name == b.Name && a.Phones.SequenceEqual(b.Phones) && a.Emails.SequenceEqual(b.Emails) && a.Attributes == b.Attributes;
}
