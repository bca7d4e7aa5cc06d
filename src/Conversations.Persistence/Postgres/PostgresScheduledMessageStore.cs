using Conversations.Abstractions.Channels;
using Conversations.Persistence.Scheduling;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Persistence.Postgres;

/// <summary><see cref="IScheduledMessageStore"/> on PostgreSQL: <c>scheduled_messages</c> (migration 0029).</summary>
public sealed class PostgresScheduledMessageStore(NpgsqlDataSource dataSource) : IScheduledMessageStore
{
    private const string Columns = "tenant_id, id, customer_id, idempotency_key, content::text, channels, message_tag, topic, send_at, due_at, status, attempts, rule, detail, message_id, created_at";

    /// <inheritdoc />
    public async Task<(ScheduledMessage Message, bool Created)> AddAsync(ScheduledMessage message, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO scheduled_messages (tenant_id, id, customer_id, idempotency_key, content, channels, message_tag, topic, send_at, due_at, status, created_at)
            VALUES (@tenant, @id, @customer, @key, @content, @channels, @tag, @topic, @send_at, @send_at, @status, @created)
            ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
            RETURNING {Columns}
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("tenant", message.TenantId));
        p.Add(new NpgsqlParameter<Guid>("id", message.Id));
        p.Add(new NpgsqlParameter<Guid>("customer", message.CustomerId));
        p.Add(new NpgsqlParameter<string>("key", message.IdempotencyKey));
        p.Add(new NpgsqlParameter<string>("content", message.ContentJson) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<int[]>("channels", [.. message.Channels.Select(c => (int)c)]));
        p.Add(new NpgsqlParameter("tag", (object?)message.MessageTag ?? DBNull.Value));
        p.Add(new NpgsqlParameter("topic", (object?)message.Topic ?? DBNull.Value));
        p.Add(new NpgsqlParameter<DateTime>("send_at", message.SendAt.UtcDateTime));
        p.Add(new NpgsqlParameter<string>("status", nameof(ScheduledMessageStatus.Scheduled)));
        p.Add(new NpgsqlParameter<DateTime>("created", message.CreatedAt.UtcDateTime));
        var created = await ReadAllAsync(command, cancellationToken);
        if (created.Count == 1)
        {
            return (created[0], true);
        }

        await using var existing = dataSource.CreateCommand($"SELECT {Columns} FROM scheduled_messages WHERE tenant_id = @tenant AND idempotency_key = @key");
        existing.Parameters.Add(new NpgsqlParameter<Guid>("tenant", message.TenantId));
        existing.Parameters.Add(new NpgsqlParameter<string>("key", message.IdempotencyKey));
        return ((await ReadAllAsync(existing, cancellationToken)).Single(), false);
    }

    /// <inheritdoc />
    public async Task<ScheduledMessage?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM scheduled_messages WHERE tenant_id = @tenant AND id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<ScheduledMessage?> CancelAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        // Only a waiting row: one a silo is sending (or sent) is past cancelling, and the answer says so by its status.
        await using var command = dataSource.CreateCommand($"""
            UPDATE scheduled_messages SET status = @cancelled
            WHERE tenant_id = @tenant AND id = @id AND status = @scheduled
            RETURNING {Columns}
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        command.Parameters.Add(new NpgsqlParameter<string>("cancelled", nameof(ScheduledMessageStatus.Cancelled)));
        command.Parameters.Add(new NpgsqlParameter<string>("scheduled", nameof(ScheduledMessageStatus.Scheduled)));
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault() ?? await FindAsync(tenantId, id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduledMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        // A materialized CTE, not a subquery in UPDATE … FROM: the planner may rescan such a subquery once per row it
        // joins, and each rescan of LIMIT … SKIP LOCKED can pick other rows, claiming more than the limit (as the campaign
        // store found).
        await using var command = dataSource.CreateCommand($"""
            WITH due AS MATERIALIZED (
                SELECT tenant_id, id FROM scheduled_messages
                WHERE status IN (@scheduled, @sending) AND due_at <= @now
                ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED)
            UPDATE scheduled_messages s SET status = @sending, due_at = @until, attempts = s.attempts + 1
            FROM due
            WHERE s.tenant_id = due.tenant_id AND s.id = due.id
            RETURNING {string.Join(", ", Columns.Split(", ").Select(c => "s." + c))}
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string>("sending", nameof(ScheduledMessageStatus.Sending)));
        p.Add(new NpgsqlParameter<string>("scheduled", nameof(ScheduledMessageStatus.Scheduled)));
        p.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        p.Add(new NpgsqlParameter<DateTime>("until", (now + lease).UtcDateTime));
        p.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(ScheduledMessage claim, ScheduledMessageStatus status, string? rule, string? detail, Guid? messageId,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE scheduled_messages SET status = @status, rule = @rule, detail = @detail, message_id = @message
            WHERE tenant_id = @tenant AND id = @id AND status = @sending AND due_at = @lease
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string>("status", status.ToString()));
        p.Add(new NpgsqlParameter("rule", (object?)rule ?? DBNull.Value));
        p.Add(new NpgsqlParameter("detail", (object?)detail ?? DBNull.Value));
        p.Add(new NpgsqlParameter("message", (object?)messageId ?? DBNull.Value));
        p.Add(new NpgsqlParameter<Guid>("tenant", claim.TenantId));
        p.Add(new NpgsqlParameter<Guid>("id", claim.Id));
        p.Add(new NpgsqlParameter<string>("sending", nameof(ScheduledMessageStatus.Sending)));
        p.Add(new NpgsqlParameter<DateTime>("lease", claim.DueAt.UtcDateTime));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<List<ScheduledMessage>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<ScheduledMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new ScheduledMessage(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                [.. reader.GetFieldValue<int[]>(5).Select(c => (ChannelKind)c)], reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9),
                Enum.Parse<ScheduledMessageStatus>(reader.GetString(10)), reader.GetInt32(11), reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetGuid(14), reader.GetFieldValue<DateTimeOffset>(15)));
        }

        return found;
    }
}
