namespace Conversations.Api.Contracts.Customers;

/// <summary>Why one row of an import was not taken.</summary>
/// <param name="Row">The row: the line of a JSON-lines file; the record of a CSV file, the header being row 1.</param>
/// <param name="Field">The field, as a JSON path (<c>$.phones[1]</c>, <c>$.attributes.plan</c>, <c>$.externalId</c>), or <c>$</c> for the whole row.</param>
/// <param name="Reason">What is wrong and how to fix it.</param>
public sealed record CustomerImportError(long Row, string Field, string Reason);
