namespace Conversations.Persistence.Customers;

/// <summary>
/// The table of bulk-imported customers (<c>customer_imports</c>): written a batch at a time as an import streams in,
/// one row per tenant and external id, and read by the applier that turns rows into customers. On PostgreSQL and in memory.
/// </summary>
public interface ICustomerImportStore
{
    /// <summary>
    /// Upserts <paramref name="rows"/> (distinct external ids of one tenant) in one statement: a row identical to the
    /// stored one is left alone (a re-run of the same file writes nothing), any other is stored and waits to be applied.
    /// </summary>
    Task<CustomerImportBatchResult> UpsertAsync(IReadOnlyList<CustomerImportRow> rows, DateTimeOffset importedAt, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> rows not applied yet, oldest import first.</summary>
    Task<IReadOnlyList<PendingCustomerImport>> ReadPendingAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks rows applied, each only if no newer import rewrote it meanwhile.</summary>
    Task MarkAppliedAsync(IReadOnlyList<PendingCustomerImport> applied, CancellationToken cancellationToken = default);
}
