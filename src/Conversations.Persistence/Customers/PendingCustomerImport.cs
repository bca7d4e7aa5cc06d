namespace Conversations.Persistence.Customers;

/// <summary>An imported row not applied to its customer yet, with the time of the import that wrote it.</summary>
/// <param name="Row">The row.</param>
/// <param name="ImportedAt">When it was imported (marking it applied checks this, so a newer import is applied again).</param>
public sealed record PendingCustomerImport(CustomerImportRow Row, DateTimeOffset ImportedAt);
