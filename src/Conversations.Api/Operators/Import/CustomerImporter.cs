using System.Text.Json;
using Conversations.Api.Contracts;
using Conversations.Api.Contracts.Customers;
using Conversations.Api.Mappings;
using Conversations.Persistence.Customers;

namespace Conversations.Api.Operators.Import;

/// <summary>
/// Takes the rows of one import as they are read: checks each like a push (<see cref="CustomerUpsertMappings"/>),
/// keeps at most <see cref="ImportLimits.BatchRows"/> of them and writes them in one upsert, so memory stays flat
/// whatever the file's size; a bad row is reported with its field and the rest go on.
/// </summary>
public sealed class CustomerImporter(ICustomerImportStore store, TimeProvider time)
{
    /// <summary>Imports <paramref name="rows"/> for <paramref name="tenantId"/>; returns the report.</summary>
    public async Task<CustomerImportReport> ImportAsync(Guid tenantId, IAsyncEnumerable<ImportedRow> rows, CancellationToken cancellationToken)
    {
        var batch = new Dictionary<string, CustomerImportRow>(StringComparer.Ordinal);
        var errors = new List<CustomerImportError>();
        long total = 0, created = 0, changed = 0, unchanged = 0, failed = 0;
        var problems = new List<string>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (++total > ImportLimits.MaxRows)
            {
                total--;
                Fail(new CustomerImportError(row.Row, "$", $"more than {ImportLimits.MaxRows} rows in one import: this row and the rest were not read; import them as another file."));
                break;
            }

            problems.Clear();
            if (Check(tenantId, row, problems) is { } checkedRow)
            {
                if (batch.ContainsKey(checkedRow.ExternalId))
                {
                    unchanged++; // superseded by this later row of the same file
                }

                batch[checkedRow.ExternalId] = checkedRow;
                if (batch.Count >= ImportLimits.BatchRows)
                {
                    await FlushAsync();
                }
            }
            else
            {
                foreach (var problem in problems)
                {
                    var colon = problem.IndexOf(": ", StringComparison.Ordinal);
                    Fail(new CustomerImportError(row.Row, colon > 0 ? problem[..colon] : "$", colon > 0 ? problem[(colon + 2)..] : problem), countRow: false);
                }

                failed++;
            }
        }

        await FlushAsync();
        return new CustomerImportReport(total, created, changed, unchanged, failed, errors, failed > errors.Count);

        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var result = await store.UpsertAsync([.. batch.Values], time.GetUtcNow(), cancellationToken);
            created += result.New;
            changed += result.Changed;
            unchanged += result.Unchanged;
            batch.Clear();
        }

        void Fail(CustomerImportError error, bool countRow = true)
        {
            if (countRow)
            {
                failed++;
            }

            if (errors.Count < ImportLimits.MaxListedErrors)
            {
                errors.Add(error);
            }
        }
    }

    /// <summary>The row ready to store, or null with its problems (<c>field: reason</c>) added.</summary>
    private static CustomerImportRow? Check(Guid tenantId, ImportedRow row, List<string> problems)
    {
        if (row.Problem is { } problem || row.Request is not { } request)
        {
            problems.Add(row.Problem ?? "$: the row is empty.");
            return null;
        }

        var id = row.ExternalId ?? "";
        if (CustomerUpsertMappings.ExternalIdProblem(id) is { } idProblem)
        {
            problems.Add($"$.externalId: {idProblem}");
            return null;
        }

        // What the push endpoint's request validation checks before the mapping does.
        if (request.Name is { Length: > FieldLimits.DisplayName } name)
        {
            problems.Add($"$.name: at most {FieldLimits.DisplayName} characters (this one has {name.Length}).");
        }

        if (request.Phones is { Count: > FieldLimits.CustomerContacts } phones)
        {
            problems.Add($"$.phones: at most {FieldLimits.CustomerContacts} phones (this row has {phones.Count}).");
        }

        if (request.Emails is { Count: > FieldLimits.CustomerContacts } emails)
        {
            problems.Add($"$.emails: at most {FieldLimits.CustomerContacts} e-mails (this row has {emails.Count}).");
        }

        if (request.Attributes is { Count: > FieldLimits.CustomerAttributes } attributes)
        {
            problems.Add($"$.attributes: at most {FieldLimits.CustomerAttributes} attributes (this row has {attributes.Count}).");
        }

        if (problems.Count > 0)
        {
            return null;
        }

        if (request.Phones?.Any(p => p is null) == true || request.Emails?.Any(e => e is null) == true)
        {
            problems.Add("$: phones and emails are lists of strings (no nulls).");
            return null;
        }

        var upsert = request.ToDomain(id, problems);
        if (problems.Count > 0)
        {
            return null;
        }

        var attributesJson = JsonSerializer.Serialize(request.Attributes is { Count: > 0 } given
            ? given.Where(a => upsert.Attributes.ContainsKey(a.Key) || upsert.RemovedAttributes.Contains(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal)
                .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>());
        return new CustomerImportRow(tenantId, id, upsert.DisplayName, upsert.Phones, upsert.Emails, attributesJson);
    }
}
