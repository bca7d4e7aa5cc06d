using Conversations.Api.Contracts.Customers;

namespace Conversations.Api.Operators.Import;

/// <summary>One row of an import file as read: the customer it describes, or why it could not be read.</summary>
/// <param name="Row">Its number: the line of a JSON-lines file; the record of a CSV file, the header being row 1.</param>
/// <param name="ExternalId">The business's id of the customer.</param>
/// <param name="Request">The customer, as a push would carry it.</param>
/// <param name="Problem">Why the row could not be read (<c>field: reason</c>), or null.</param>
public sealed record ImportedRow(long Row, string? ExternalId, UpsertCustomerRequest? Request, string? Problem = null);
