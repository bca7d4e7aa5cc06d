using Conversations.Persistence.Customers;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Persistence.Postgres;

/// <summary><see cref="ICustomerImportStore"/> on PostgreSQL: multi-row upserts into <c>customer_imports</c> through <c>unnest</c>.</summary>
public sealed class PostgresCustomerImportStore(NpgsqlDataSource dataSource) : ICustomerImportStore
{
    /// <inheritdoc />
    public async Task<CustomerImportBatchResult> UpsertAsync(IReadOnlyList<CustomerImportRow> rows, DateTimeOffset importedAt, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return new CustomerImportBatchResult(0, 0, 0);
        }

        // Arrays of arrays do not unnest into rows: phones and e-mails travel as JSON arrays and are turned back here.
        // xmax = 0 tells an inserted row from an updated one; an identical row is neither (the WHERE skips it).
        await using var command = dataSource.CreateCommand("""
            INSERT INTO customer_imports AS c (tenant_id, external_id, name, phones, emails, attributes, imported_at)
            SELECT r.tenant, r.id, r.name,
                   ARRAY(SELECT jsonb_array_elements_text(r.phones)), ARRAY(SELECT jsonb_array_elements_text(r.emails)), r.attributes, @at
            FROM unnest(@tenant, @id, @name, @phones, @emails, @attributes) AS r(tenant, id, name, phones, emails, attributes)
            ON CONFLICT (tenant_id, external_id) DO UPDATE
               SET name = EXCLUDED.name, phones = EXCLUDED.phones, emails = EXCLUDED.emails, attributes = EXCLUDED.attributes,
                   imported_at = EXCLUDED.imported_at, applied = false
             WHERE (c.name, c.phones, c.emails, c.attributes) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.phones, EXCLUDED.emails, EXCLUDED.attributes)
            RETURNING (xmax = 0)
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("tenant", [.. rows.Select(r => r.TenantId)]));
        p.Add(new NpgsqlParameter<string[]>("id", [.. rows.Select(r => r.ExternalId)]));
        p.Add(new NpgsqlParameter<string?[]>("name", [.. rows.Select(r => r.Name)]));
        p.Add(new NpgsqlParameter<string[]>("phones", [.. rows.Select(r => System.Text.Json.JsonSerializer.Serialize(r.Phones))]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<string[]>("emails", [.. rows.Select(r => System.Text.Json.JsonSerializer.Serialize(r.Emails))]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<string[]>("attributes", [.. rows.Select(r => r.Attributes)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<DateTime>("at", importedAt.UtcDateTime));
        int created = 0, changed = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                _ = reader.GetBoolean(0) ? created++ : changed++;
            }
        }

        return new CustomerImportBatchResult(created, changed, rows.Count - created - changed);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingCustomerImport>> ReadPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT tenant_id, external_id, name, phones, emails, attributes::text, imported_at FROM customer_imports
            WHERE NOT applied ORDER BY imported_at LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var pending = new List<PendingCustomerImport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(new PendingCustomerImport(
                new CustomerImportRow(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetFieldValue<string[]>(3), reader.GetFieldValue<string[]>(4), reader.GetString(5)),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(6), TimeSpan.Zero)));
        }

        return pending;
    }

    /// <inheritdoc />
    public async Task MarkAppliedAsync(IReadOnlyList<PendingCustomerImport> applied, CancellationToken cancellationToken = default)
    {
        if (applied.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            UPDATE customer_imports c SET applied = true
            FROM unnest(@tenant, @id, @at) AS a(tenant, id, at)
            WHERE c.tenant_id = a.tenant AND c.external_id = a.id AND c.imported_at = a.at
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("tenant", [.. applied.Select(a => a.Row.TenantId)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("id", [.. applied.Select(a => a.Row.ExternalId)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("at", [.. applied.Select(a => a.ImportedAt.UtcDateTime)]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
