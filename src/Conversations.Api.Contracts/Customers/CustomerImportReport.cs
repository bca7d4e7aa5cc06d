namespace Conversations.Api.Contracts.Customers;

/// <summary>
/// What a bulk import did. Rows are written to the import table as they stream in, then applied to the customers
/// behind (a customer per external id, created or updated as a push would); a re-run of the same file is all <see cref="Unchanged"/>.
/// </summary>
/// <param name="Rows">Rows read (blank lines not counted).</param>
/// <param name="New">External ids imported for the first time.</param>
/// <param name="Changed">External ids whose data differs from their last import.</param>
/// <param name="Unchanged">Rows equal to their last import, or superseded by a later row of the same file with the same external id.</param>
/// <param name="Failed">Rows refused (each listed in <see cref="Errors"/>, up to 1000).</param>
/// <param name="Errors">The refused rows with the field and the reason, in file order.</param>
/// <param name="ErrorsTruncated">True when more rows failed than are listed.</param>
public sealed record CustomerImportReport(long Rows, long New, long Changed, long Unchanged, long Failed, IReadOnlyList<CustomerImportError> Errors, bool ErrorsTruncated);
