using System.Collections.Concurrent;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Persistence.Postgres;

/// <summary>The outbox on PostgreSQL; rows are inserted by <see cref="ConversationWrites"/> with their messages.</summary>
public sealed class PostgresOutboxStore(NpgsqlDataSource dataSource) : IOutboxStore
{
    /// <summary>Most sent outcomes written by one statement.</summary>
    private const int MaxSettleBatch = 1000;

    private readonly ConcurrentQueue<SentOutcome> _sent = new();
    private int _settling;

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxEntry>> ClaimAsync(DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        // Due heads of chats, without locks: open rows oldest first (outbox_open_by_id) that no older open row of their
        // chat precedes (one probe of outbox_open each), stopping at the limit instead of sorting every open row. The
        // UPDATE re-checks each row under its lock, so when two silos race for the same head only one sees it still due.
        await using var command = dataSource.CreateCommand("""
            WITH due AS (
                SELECT o.id FROM outbox o
                WHERE o.finished_at IS NULL
                  AND ((o.status = 1 AND o.next_attempt_at <= @now) OR (o.status = 2 AND o.lease_until <= @now))
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox p
                      WHERE p.finished_at IS NULL AND p.tenant_id = o.tenant_id AND p.channel = o.channel
                        AND p.account = o.account AND p.chat_id = o.chat_id AND p.id < o.id)
                ORDER BY o.id LIMIT @limit
            )
            UPDATE outbox o
            SET status = 2, lease_until = @lease_until,
                last_error = CASE WHEN o.status = 2 THEN @expired ELSE o.last_error END
            FROM due
            WHERE o.id = due.id
              AND ((o.status = 1 AND o.next_attempt_at <= @now) OR (o.status = 2 AND o.lease_until <= @now))
            RETURNING o.id, o.message_id, o.tenant_id, o.conversation_id, o.channel, o.account, o.chat_id, o.content::text,
                      o.attempts, (o.last_error = @expired), o.created_at, o.author, o.operator_id, o.message_tag
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("lease_until", (now + lease).UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        command.Parameters.Add(new NpgsqlParameter<string>("expired", OutboxMessages.LeaseExpired));
        var claimed = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutboxEntry(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3),
                new ChannelAddress((ChannelKind)reader.GetInt16(4), reader.GetString(5), reader.GetString(6)),
                MessageJson.Deserialize(reader.GetString(7)), reader.GetInt32(8),
                !reader.IsDBNull(9) && reader.GetBoolean(9), reader.GetFieldValue<DateTimeOffset>(10),
                (MessageDirection)reader.GetInt16(11), reader.IsDBNull(12) ? null : reader.GetGuid(12), reader.IsDBNull(13) ? null : reader.GetString(13)));
        }

        return [.. claimed.OrderBy(c => c.Id)];
    }

    /// <inheritdoc />
    public async Task EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default)
    {
        if (items.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO outbox (message_id, tenant_id, conversation_id, channel, account, chat_id, content, status,
                next_attempt_at, created_at, author, operator_id, message_tag)
            SELECT m, t, c, ch, a, chat, content, 1, created, created, author, op, tag
            FROM unnest(@message, @tenant, @conversation, @channel, @account, @chat, @content, @created, @author, @operator, @tag)
                AS u(m, t, c, ch, a, chat, content, created, author, op, tag)
            ON CONFLICT (message_id) DO NOTHING
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("message", [.. items.Select(i => i.MessageId)]));
        p.Add(new NpgsqlParameter<Guid[]>("tenant", [.. items.Select(i => i.TenantId)]));
        p.Add(new NpgsqlParameter<Guid[]>("conversation", [.. items.Select(i => i.ConversationId)]));
        p.Add(new NpgsqlParameter<short[]>("channel", [.. items.Select(i => (short)i.To.Kind)]));
        p.Add(new NpgsqlParameter<string[]>("account", [.. items.Select(i => i.To.Account)]));
        p.Add(new NpgsqlParameter<string[]>("chat", [.. items.Select(i => i.To.ChatId)]));
        p.Add(new NpgsqlParameter<string[]>("content", [.. items.Select(i => MessageJson.Serialize(i.Content))]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<DateTime[]>("created", [.. items.Select(i => i.CreatedAt.UtcDateTime)]));
        p.Add(new NpgsqlParameter<short[]>("author", [.. items.Select(i => (short)i.Author)]));
        p.Add(new NpgsqlParameter<Guid?[]>("operator", [.. items.Select(i => i.OperatorId)]));
        p.Add(new NpgsqlParameter<string?[]>("tag", [.. items.Select(i => i.MessageTag)]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Settled in batches: outcomes that arrive while one batch is being written go out together in the next, one
    /// statement and one transaction for all of them (group commit, as for the messages). The caller's task completes
    /// when its row is written. The write is not cancelled with the caller: other senders' outcomes share it.
    /// </remarks>
    public Task MarkSentAsync(long id, string? channelMessageId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var outcome = new SentOutcome(id, channelMessageId, at.UtcDateTime);
        _sent.Enqueue(outcome);
        if (Interlocked.CompareExchange(ref _settling, 1, 0) == 0)
        {
            _ = SettleSentAsync();
        }

        return outcome.Written.Task;
    }

    /// <inheritdoc />
    public Task RescheduleAsync(long id, DateTimeOffset nextAttemptAt, string? error, bool attempted, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE outbox SET status = 1, attempts = attempts + @attempted, next_attempt_at = @next,
                last_error = coalesce(@error, last_error), lease_until = NULL
            WHERE id = @id
            """, cancellationToken, ("id", id), ("attempted", attempted ? 1 : 0), ("next", nextAttemptAt.UtcDateTime),
            ("error", (object?)error ?? DBNull.Value));

    /// <inheritdoc />
    public async Task ReleaseAsync(IReadOnlyList<(long Id, DateTimeOffset LeaseUntil)> rows, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            UPDATE outbox o SET status = 1, next_attempt_at = @now, lease_until = NULL
            FROM unnest(@ids, @leases) AS u(id, lease_until)
            WHERE o.id = u.id AND o.status = 2 AND o.lease_until = u.lease_until
            """);
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. rows.Select(r => r.Id)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("leases", [.. rows.Select(r => r.LeaseUntil.UtcDateTime)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task MarkFailedAsync(long id, DeliveryStatus status, string error, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE outbox SET status = @status, attempts = attempts + 1, last_error = @error, finished_at = @at, lease_until = NULL
            WHERE id = @id
            """, cancellationToken, ("id", id), ("status", (short)status), ("error", error), ("at", at.UtcDateTime));

    /// <inheritdoc />
    public async Task<Guid?> ApplyReceiptAsync(Guid tenantId, Guid messageId, DeliveryStatus status, string? error, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        short[] from = [.. new[] { DeliveryStatus.Sending, DeliveryStatus.Sent, DeliveryStatus.Delivered }.Where(s => OutboxReceipts.Advances(s, status)).Select(s => (short)s)];
        await using var command = dataSource.CreateCommand("""
            WITH target AS (SELECT id, conversation_id, status FROM outbox WHERE tenant_id = @tenant AND message_id = @id),
            changed AS (
                UPDATE outbox o SET status = @status, last_error = coalesce(@error, o.last_error), finished_at = coalesce(o.finished_at, @at), lease_until = NULL
                FROM target t WHERE o.id = t.id AND t.status = ANY(@from)
                RETURNING o.id)
            SELECT conversation_id FROM target
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", messageId));
        command.Parameters.Add(new NpgsqlParameter<short>("status", (short)status));
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<DateTime>("at", at.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<short[]>("from", from));
        return await command.ExecuteScalarAsync(cancellationToken) is Guid conversationId ? conversationId : null;
    }

    /// <inheritdoc />
    public async Task<int> ApplyChatReceiptAsync(Guid tenantId, ChannelAddress chat, DeliveryStatus status, DateTimeOffset? watermark, string? channelMessageId,
        DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        short[] from = [.. new[] { DeliveryStatus.Sent, DeliveryStatus.Delivered }.Where(s => OutboxReceipts.Advances(s, status)).Select(s => (short)s)];
        await using var command = dataSource.CreateCommand("""
            UPDATE outbox SET status = @status
            WHERE tenant_id = @tenant AND channel = @channel AND account = @account AND chat_id = @chat AND status = ANY(@from)
              AND finished_at <= coalesce(@watermark, (
                  SELECT max(finished_at) FROM outbox
                  WHERE tenant_id = @tenant AND channel = @channel AND account = @account AND chat_id = @chat AND channel_message_id = @mid))
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<short>("channel", (short)chat.Kind));
        command.Parameters.Add(new NpgsqlParameter<string>("account", chat.Account));
        command.Parameters.Add(new NpgsqlParameter<string>("chat", chat.ChatId));
        command.Parameters.Add(new NpgsqlParameter<short>("status", (short)status));
        command.Parameters.Add(new NpgsqlParameter<short[]>("from", from));
        command.Parameters.Add(new NpgsqlParameter("watermark", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = watermark is { } w ? w.UtcDateTime : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("mid", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)channelMessageId ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Guid?> FindByChannelMessageIdAsync(Guid tenantId, ChannelAddress chat, string channelMessageId, CancellationToken cancellationToken = default)
    {
        // outbox_settled_by_chat narrows to the chat's settled rows; a chat holds few.
        await using var command = dataSource.CreateCommand("""
            SELECT message_id FROM outbox
            WHERE tenant_id = @tenant AND channel = @channel AND account = @account AND chat_id = @chat AND channel_message_id = @mid
            LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<short>("channel", (short)chat.Kind));
        command.Parameters.Add(new NpgsqlParameter<string>("account", chat.Account));
        command.Parameters.Add(new NpgsqlParameter<string>("chat", chat.ChatId));
        command.Parameters.Add(new NpgsqlParameter<string>("mid", channelMessageId));
        return await command.ExecuteScalarAsync(cancellationToken) is Guid messageId ? messageId : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<Guid, DeliveryInfo>> GetDeliveryAsync(Guid tenantId, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<Guid, DeliveryInfo>();
        if (messageIds.Count == 0)
        {
            return found;
        }

        await using var command = dataSource.CreateCommand("""
            SELECT message_id, status, attempts, last_error, finished_at, next_attempt_at FROM outbox
            WHERE tenant_id = @tenant AND message_id = ANY(@ids)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. messageIds]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var messageId = reader.GetGuid(0);
            found[messageId] = new DeliveryInfo(messageId, (DeliveryStatus)reader.GetInt16(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                (DeliveryStatus)reader.GetInt16(1) == DeliveryStatus.Pending ? reader.GetFieldValue<DateTimeOffset>(5) : null);
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<OutboundMessageState?> FindMessageAsync(Guid tenantId, Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT conversation_id, channel, status, attempts, last_error, finished_at, next_attempt_at, created_at FROM outbox
            WHERE message_id = @id AND tenant_id = @tenant
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", messageId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var status = (DeliveryStatus)reader.GetInt16(2);
        var delivery = new DeliveryInfo(messageId, status, reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), status == DeliveryStatus.Pending ? reader.GetFieldValue<DateTimeOffset>(6) : null);
        return new OutboundMessageState(reader.GetGuid(0), (ChannelKind)reader.GetInt16(1), delivery, reader.GetFieldValue<DateTimeOffset>(7));
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT min(CASE WHEN o.status = 1 THEN o.next_attempt_at ELSE o.lease_until END) FROM outbox o
            WHERE o.finished_at IS NULL
              AND NOT EXISTS (
                  SELECT 1 FROM outbox p
                  WHERE p.finished_at IS NULL AND p.tenant_id = o.tenant_id AND p.channel = o.channel
                    AND p.account = o.account AND p.chat_id = o.chat_id AND p.id < o.id)
            """);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    /// <inheritdoc />
    public async Task<(long Open, DateTimeOffset? OldestCreatedAt)> GetBacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*), min(created_at) FROM outbox WHERE finished_at IS NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Writes queued sent outcomes, a batch at a time, until none is left; one writer at a time.</summary>
    private async Task SettleSentAsync()
    {
        while (true)
        {
            var batch = new List<SentOutcome>();
            while (batch.Count < MaxSettleBatch && _sent.TryDequeue(out var queued))
            {
                batch.Add(queued);
            }

            if (batch.Count > 0)
            {
                try
                {
                    await using var command = dataSource.CreateCommand("""
                        UPDATE outbox o SET status = CASE WHEN o.status IN (4, 6, 7) THEN o.status ELSE 3 END, -- a status webhook may come first
                            attempts = o.attempts + 1, channel_message_id = u.channel_id,
                            finished_at = u.at, lease_until = NULL
                        FROM unnest(@ids, @channel_ids, @ats) AS u(id, channel_id, at)
                        WHERE o.id = u.id
                        """);
                    command.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. batch.Select(b => b.Id)]));
                    command.Parameters.Add(new NpgsqlParameter<string?[]>("channel_ids", [.. batch.Select(b => b.ChannelMessageId)]));
                    command.Parameters.Add(new NpgsqlParameter<DateTime[]>("ats", [.. batch.Select(b => b.At)]));
                    await command.ExecuteNonQueryAsync();
                    foreach (var outcome in batch)
                    {
                        outcome.Written.TrySetResult();
                    }
                }
                catch (Exception ex)
                {
                    // Each caller retries its own outcome while it holds the lease (OutboxDispatcher.SettleAsync).
                    foreach (var outcome in batch)
                    {
                        outcome.Written.TrySetException(ex);
                    }
                }

                continue;
            }

            Volatile.Write(ref _settling, 0);
            // An outcome queued after the last dequeue and before the flag was cleared found it set: take it here.
            if (_sent.IsEmpty || Interlocked.CompareExchange(ref _settling, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
