namespace Conversations.Persistence.Customers;

/// <summary>What one batch of an import changed in the import table.</summary>
/// <param name="New">External ids seen for the first time.</param>
/// <param name="Changed">External ids whose imported data differs from the last import.</param>
/// <param name="Unchanged">Rows identical to what was imported before (nothing is written for them).</param>
public sealed record CustomerImportBatchResult(int New, int Changed, int Unchanged);
