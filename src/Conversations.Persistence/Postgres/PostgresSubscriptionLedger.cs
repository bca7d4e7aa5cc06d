using Conversations.Persistence.Subscriptions;
using Npgsql;

namespace Conversations.Persistence.Postgres;

/// <summary><see cref="ISubscriptionLedger"/> on PostgreSQL: <c>customer_subscriptions</c> (migration 0028).</summary>
public sealed class PostgresSubscriptionLedger(NpgsqlDataSource dataSource) : ISubscriptionLedger
{
    /// <inheritdoc />
    public async Task<bool> AppendAsync(SubscriptionRecord record, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO customer_subscriptions (tenant_id, customer_id, topic, subscribed, source, at, source_ref)
            VALUES (@tenant, @customer, @topic, @subscribed, @source, @at, @ref)
            ON CONFLICT (tenant_id, source_ref) WHERE source_ref IS NOT NULL DO NOTHING
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("tenant", record.TenantId));
        p.Add(new NpgsqlParameter<Guid>("customer", record.CustomerId));
        p.Add(new NpgsqlParameter<string>("topic", record.Topic));
        p.Add(new NpgsqlParameter<bool>("subscribed", record.Subscribed));
        p.Add(new NpgsqlParameter<string>("source", record.Source));
        p.Add(new NpgsqlParameter<DateTime>("at", record.At.UtcDateTime));
        p.Add(new NpgsqlParameter("ref", (object?)record.SourceRef ?? DBNull.Value));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SubscriptionRecord>> ReadAsync(Guid tenantId, Guid customerId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT topic, subscribed, source, at, source_ref FROM customer_subscriptions
            WHERE tenant_id = @tenant AND customer_id = @customer ORDER BY id DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("customer", customerId));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var found = new List<SubscriptionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new SubscriptionRecord(tenantId, customerId, reader.GetString(0), reader.GetBoolean(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<bool> IsOptedOutAsync(Guid tenantId, Guid customerId, string topic, bool marketing, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT NOT subscribed FROM customer_subscriptions
            WHERE tenant_id = @tenant AND customer_id = @customer AND (topic = @topic OR (@marketing AND topic = '*'))
            ORDER BY id DESC LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("customer", customerId));
        command.Parameters.Add(new NpgsqlParameter<string>("topic", topic));
        command.Parameters.Add(new NpgsqlParameter<bool>("marketing", marketing));
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
