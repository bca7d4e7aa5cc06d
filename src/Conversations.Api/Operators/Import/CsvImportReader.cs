using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Conversations.Abstractions.Common;
using Conversations.Api.Contracts.Customers;
using CsvHelper;

namespace Conversations.Api.Operators.Import;

/// <summary>
/// Reads a CSV import (RFC 4180, comma-separated, a header row) as it streams in, with CsvHelper. Columns:
/// <c>externalId</c> (required), <c>name</c>, <c>phones</c> and <c>emails</c> (several separated by <c>;</c>), and any
/// other column is a text attribute of that name. An empty cell leaves the field as it is.
/// </summary>
public static class CsvImportReader
{
    private static readonly string[] Known = ["externalId", "name", "phones", "emails"];

    /// <summary>The rows of <paramref name="body"/>; a header without <c>externalId</c> or with a bad attribute name is a 400 before any row is read.</summary>
    public static async IAsyncEnumerable<ImportedRow> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // UTF-8 bytes of a record: at most 4 per character of the row limit.
        var options = new CsvReaderOptions { Separator = ',', HasHeader = true, SkipEmptyLines = true, MaxRecordSize = ImportLimits.MaxRowChars * 4, Encoding = Encoding.UTF8 };
        await using var csv = CsvReader.Create(body, options, leaveOpen: true);
        await csv.ReadHeaderAsync(cancellationToken);
        var header = csv.Headers;
        if (header.Count == 0)
        {
            throw DomainException.Invalid("$: the CSV file is empty; its first row names the columns (externalId, name, phones, emails, attributes).");
        }

        if (!header.Contains("externalId", StringComparer.Ordinal))
        {
            throw DomainException.Invalid("$: the CSV header has no externalId column (the business's own id of each customer).");
        }

        var columns = header.ToHashSet(StringComparer.Ordinal);
        var attributes = header.Where(h => !Known.Contains(h, StringComparer.Ordinal)).ToList();
        if (attributes.Count > Contracts.FieldLimits.CustomerAttributes)
        {
            throw DomainException.Invalid($"$: at most {Contracts.FieldLimits.CustomerAttributes} attribute columns (this file has {attributes.Count}).");
        }

        long number = 1;
        while (true)
        {
            ImportedRow? row;
            var last = false;
            try
            {
                row = await csv.ReadAsync(cancellationToken) ? Row(csv, ++number, columns, attributes) : null;
            }
            catch (CsvFormatException ex)
            {
                // A record CsvHelper cannot go past (a field beyond the size limit): reported, and the file ends here.
                row = new ImportedRow(++number, null, null,
                    $"$: the record cannot be read ({ex.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)}); the rest of the file was not read.");
                last = true;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (row is null)
            {
                yield break;
            }

            yield return row;
            if (last)
            {
                yield break;
            }
        }
    }

    private static ImportedRow Row(CsvReader csv, long number, HashSet<string> columns, List<string> attributeColumns)
    {
        var externalId = Cell(csv, columns, "externalId");
        var name = Cell(csv, columns, "name");
        var phones = Cell(csv, columns, "phones")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var emails = Cell(csv, columns, "emails")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Dictionary<string, JsonElement>? attributes = null;
        foreach (var column in attributeColumns)
        {
            if (Cell(csv, columns, column) is { } value)
            {
                (attributes ??= new(StringComparer.Ordinal))[column] = JsonSerializer.SerializeToElement(value);
            }
        }

        return new ImportedRow(number, externalId, new UpsertCustomerRequest(name, phones, emails, attributes));
    }

    private static string? Cell(CsvReader csv, HashSet<string> columns, string column) =>
        columns.Contains(column) && csv.GetStringOrNull(column) is { Length: > 0 } value ? value : null;
}
