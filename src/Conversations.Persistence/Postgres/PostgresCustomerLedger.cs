using Conversations.Persistence.Customers;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Persistence.Postgres;

/// <summary><see cref="ICustomerLedger"/> on PostgreSQL: the conversations and messages tables, and <c>customer_audit</c>.</summary>
public sealed class PostgresCustomerLedger(NpgsqlDataSource dataSource) : ICustomerLedger
{
    /// <inheritdoc />
    public async Task MoveConversationAsync(Guid tenantId, Guid conversationId, Guid customerId, CancellationToken cancellationToken = default)
    {
        // The row's customer_id is written only when the row is created (the grain's upsert leaves it), so this
        // rewrite is not undone by the conversation's next commit.
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in (string[])[
            "UPDATE conversations SET customer_id = @customer WHERE tenant_id = @tenant AND conversation_id = @conversation AND customer_id <> @customer",
            "UPDATE messages SET customer_id = @customer WHERE tenant_id = @tenant AND conversation_id = @conversation AND customer_id <> @customer"])
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
            command.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversationId));
            command.Parameters.Add(new NpgsqlParameter<Guid>("customer", customerId));
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task AppendAuditAsync(IReadOnlyList<CustomerAuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO customer_audit (tenant_id, customer_id, at, actor_id, actor_name, action, details)
            SELECT * FROM unnest(@tenant, @customer, @at, @actor, @name, @action, @details)
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("tenant", [.. entries.Select(e => e.TenantId)]));
        p.Add(new NpgsqlParameter<Guid[]>("customer", [.. entries.Select(e => e.CustomerId)]));
        p.Add(new NpgsqlParameter<DateTime[]>("at", [.. entries.Select(e => e.At.UtcDateTime)]));
        p.Add(new NpgsqlParameter<Guid?[]>("actor", [.. entries.Select(e => e.ActorId)]));
        p.Add(new NpgsqlParameter<string[]>("name", [.. entries.Select(e => e.ActorName)]));
        p.Add(new NpgsqlParameter<string[]>("action", [.. entries.Select(e => e.Action)]));
        p.Add(new NpgsqlParameter<string[]>("details", [.. entries.Select(e => e.Details)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CustomerAuditEntry>> ReadAuditAsync(Guid tenantId, Guid customerId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT at, actor_id, actor_name, action, details::text FROM customer_audit
            WHERE tenant_id = @tenant AND customer_id = @customer ORDER BY id DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("customer", customerId));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var found = new List<CustomerAuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new CustomerAuditEntry(tenantId, customerId, reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetGuid(1),
                reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return found;
    }
}
