using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Conversations.Api.Contracts.Customers;

namespace Conversations.Api.Operators.Import;

/// <summary>
/// Reads a JSON-lines import as it streams in: one object per line (<c>externalId</c>, <c>name</c>, <c>phones</c>,
/// <c>emails</c>, <c>attributes</c>); blank lines are skipped. A line is never held beyond
/// <see cref="ImportLimits.MaxRowChars"/>: a longer one is skipped to its end and reported.
/// </summary>
public static class JsonLinesImportReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = false };

    /// <summary>The rows of <paramref name="body"/>.</summary>
    public static async IAsyncEnumerable<ImportedRow> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16_384);
        var buffer = new char[16_384];
        var line = new StringBuilder();
        var tooLong = false;
        long number = 1;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    continue;
                }

                Append(line, buffer.AsSpan(start, i - start), ref tooLong);
                if (Parse(number++, line, tooLong) is { } row)
                {
                    yield return row;
                }

                line.Clear();
                tooLong = false;
                start = i + 1;
            }

            Append(line, buffer.AsSpan(start, read - start), ref tooLong);
        }

        if (Parse(number, line, tooLong) is { } last)
        {
            yield return last;
        }
    }

    private static void Append(StringBuilder line, ReadOnlySpan<char> part, ref bool tooLong)
    {
        if (tooLong || line.Length + part.Length > ImportLimits.MaxRowChars)
        {
            tooLong = true;
            line.Clear();
            return;
        }

        line.Append(part);
    }

    private static ImportedRow? Parse(long number, StringBuilder line, bool tooLong)
    {
        if (tooLong)
        {
            return new ImportedRow(number, null, null, $"$: the line is longer than {ImportLimits.MaxRowChars} characters.");
        }

        var text = line.ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new ImportedRow(number, null, null, "$: each line is one JSON object.");
            }

            var root = document.RootElement;
            if (!root.TryGetProperty("externalId", out var id) || id.ValueKind != JsonValueKind.String)
            {
                return new ImportedRow(number, null, null, "$.externalId: required (a string, the business's own id of the customer).");
            }

            return new ImportedRow(number, id.GetString(), root.Deserialize<UpsertCustomerRequest>(Json));
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 0 } p ? p : "$";
            return new ImportedRow(number, null, null, $"{path}: not valid JSON or a field of the wrong type ({ex.Message.Split('.')[0]}).");
        }
    }
}
