using Conversations.Persistence.Conversations;
using Conversations.Persistence.Media;
using Conversations.Persistence.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Persistence.Postgres;

/// <summary>
/// The SQL of a group commit: many conversations' commits (rows, messages, outbox, edits) in one transaction.
/// Reads live in <see cref="ConversationReads"/>; queueing, batching and retries in <see cref="GroupCommitWriter"/>.
/// </summary>
internal sealed class ConversationWrites(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Writes <paramref name="batch"/> in one transaction: the conversation rows (each only over the version it was
    /// built on), their messages, outbox rows and edits. Returns the conversations whose row had moved on (when there
    /// are any, nothing is committed) and how the outbox rows went in: with a <paramref name="pushLease"/>, each row
    /// whose chat has no older open row is leased to this silo for that long from its creation (pushed), the others
    /// wait pending for the poll.
    /// </summary>
    public async Task<(HashSet<Guid> Conflicts, CommittedOutbox Outbox)> ExecuteAsync(IReadOnlyList<ConversationCommit> batch, TimeSpan? pushLease = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlBatch(connection, transaction);

        command.BatchCommands.Add(BuildConversationUpsert(batch));
        // Right after the upsert: its RETURNING rows are the reader's second result.
        var outbox = batch.SelectMany(b => b.OutboxItems).ToList();
        if (outbox.Count > 0)
        {
            command.BatchCommands.Add(BuildOutboxInsert(outbox, pushLease));
        }

        var messages = batch.SelectMany(b => b.Messages).ToList();
        if (messages.Count > 0)
        {
            command.BatchCommands.Add(BuildMessageInsert(messages));
        }

        var fetches = batch.SelectMany(b => b.Fetches).ToList();
        if (fetches.Count > 0)
        {
            command.BatchCommands.Add(BuildMediaFetchInsert(fetches));
        }

        foreach (var commit in batch)
        {
            foreach (var edit in commit.Edits)
            {
                AddEdit(command, commit.Conversation, edit);
            }
        }

        var written = new HashSet<Guid>();
        var committed = new CommittedOutbox();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                written.Add(reader.GetGuid(0));
            }

            if (outbox.Count > 0 && await reader.NextResultAsync())
            {
                var items = outbox.ToDictionary(i => i.MessageId);
                while (await reader.ReadAsync())
                {
                    var item = items[reader.GetGuid(0)];
                    if (reader.IsDBNull(2))
                    {
                        if (pushLease is null)
                        {
                            committed.Unpushed = true;
                        }
                        else
                        {
                            committed.Waiting.Add((item.TenantId, item.To));
                        }

                        continue;
                    }

                    committed.Pushed.Add(new OutboxEntry(reader.GetInt64(1), item.MessageId, item.TenantId, item.ConversationId, item.To, item.Content,
                        0, false, item.CreatedAt, item.Author, item.OperatorId, item.MessageTag, reader.GetFieldValue<DateTimeOffset>(2)));
                }

                committed.Pushed.Sort((a, b) => a.Id.CompareTo(b.Id));
            }
        }

        var conflicts = batch.Select(b => b.Conversation.ConversationId).Where(id => !written.Contains(id)).ToHashSet();
        if (conflicts.Count > 0)
        {
            await transaction.RollbackAsync();
            return (conflicts, new CommittedOutbox());
        }

        await transaction.CommitAsync();
        return (conflicts, committed);
    }

    /// <summary>Hands pushed rows nobody took back to the poll (<see cref="PostgresOutboxStore.ReleaseAsync"/>).</summary>
    public Task ReleaseAsync(IReadOnlyList<OutboxEntry> rows, DateTimeOffset now) =>
        new PostgresOutboxStore(dataSource).ReleaseAsync([.. rows.Select(r => (r.Id, r.LeaseUntil!.Value))], now);

    /// <summary>True when every message of <paramref name="commit"/> is in the table (the commit landed in an earlier attempt).</summary>
    public async Task<bool> AllMessagesStoredAsync(ConversationCommit commit)
    {
        // By the primary key: the message at each (conversation, seq) must be this commit's.
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM messages m JOIN unnest(@seqs, @ids) AS u(seq, id)
                ON m.tenant_id = @tenant AND m.conversation_id = @conversation AND m.seq = u.seq AND m.message_id = u.id
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", commit.Conversation.TenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("conversation", commit.Conversation.ConversationId));
        command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", [.. commit.Messages.Select(m => m.Message.Seq)]));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. commit.Messages.Select(m => m.Message.MessageId)]));
        var count = (long)(await command.ExecuteScalarAsync())!;
        return count == commit.Messages.Count;
    }

    private static NpgsqlBatchCommand BuildConversationUpsert(IReadOnlyList<ConversationCommit> batch)
    {
        var rows = batch.Select(b => b.Conversation).ToList();
        var command = new NpgsqlBatchCommand("""
            INSERT INTO conversations AS c (tenant_id, conversation_id, customer_id, status, assigned_operator_id, opened_at,
                closed_at, last_seq, last_customer_message_at, last_activity_at, waiting_since, last_channel,
                customer_display_name, last_message_preview, state, version, last_customer_seq, bot_cursor)
            SELECT * FROM unnest(@tenant, @conversation, @customer, @status, @operator, @opened, @closed, @last_seq,
                @last_customer, @last_activity, @waiting, @channel, @name, @preview, @state, @version,
                @last_customer_seq, @bot_cursor)
            ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET
                status = excluded.status, assigned_operator_id = excluded.assigned_operator_id,
                closed_at = excluded.closed_at, last_seq = excluded.last_seq,
                last_customer_message_at = excluded.last_customer_message_at, last_activity_at = excluded.last_activity_at,
                waiting_since = excluded.waiting_since, last_channel = excluded.last_channel,
                customer_display_name = excluded.customer_display_name, last_message_preview = excluded.last_message_preview,
                state = excluded.state, version = excluded.version,
                last_customer_seq = excluded.last_customer_seq, bot_cursor = excluded.bot_cursor
            WHERE c.version = excluded.version - 1
            RETURNING conversation_id
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("tenant", [.. rows.Select(r => r.TenantId)]));
        p.Add(new NpgsqlParameter<Guid[]>("conversation", [.. rows.Select(r => r.ConversationId)]));
        p.Add(new NpgsqlParameter<Guid[]>("customer", [.. rows.Select(r => r.CustomerId)]));
        p.Add(new NpgsqlParameter<short[]>("status", [.. rows.Select(r => (short)r.Status)]));
        p.Add(new NpgsqlParameter<Guid?[]>("operator", [.. rows.Select(r => r.AssignedOperatorId)]));
        p.Add(new NpgsqlParameter<DateTime[]>("opened", [.. rows.Select(r => r.OpenedAt.UtcDateTime)]));
        p.Add(new NpgsqlParameter<DateTime?[]>("closed", [.. rows.Select(r => r.ClosedAt?.UtcDateTime)]));
        p.Add(new NpgsqlParameter<long[]>("last_seq", [.. rows.Select(r => r.LastSeq)]));
        p.Add(new NpgsqlParameter<DateTime?[]>("last_customer", [.. rows.Select(r => r.LastCustomerMessageAt?.UtcDateTime)]));
        p.Add(new NpgsqlParameter<DateTime[]>("last_activity", [.. rows.Select(r => r.LastActivityAt.UtcDateTime)]));
        p.Add(new NpgsqlParameter<DateTime?[]>("waiting", [.. rows.Select(r => r.WaitingSince?.UtcDateTime)]));
        p.Add(new NpgsqlParameter<short?[]>("channel", [.. rows.Select(r => (short?)r.LastChannel)]));
        p.Add(new NpgsqlParameter<string[]>("name", [.. rows.Select(r => r.CustomerDisplayName)]));
        p.Add(new NpgsqlParameter<string[]>("preview", [.. rows.Select(r => r.LastMessagePreview)]));
        p.Add(new NpgsqlParameter<string[]>("state", [.. rows.Select(r => r.StateJson)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<long[]>("version", [.. rows.Select(r => r.Version)]));
        p.Add(new NpgsqlParameter<long[]>("last_customer_seq", [.. rows.Select(r => r.LastCustomerSeq)]));
        p.Add(new NpgsqlParameter<long[]>("bot_cursor", [.. rows.Select(r => r.BotCursor)]));
        return command;
    }

    private static NpgsqlBatchCommand BuildOutboxInsert(List<OutboxItem> items, TimeSpan? pushLease)
    {
        // A row is pushed (leased to this silo as it is inserted: status 2) when its chat has no older open row, one
        // probe of outbox_open; rows of one chat in this statement do not see each other and go together. A row
        // behind an open one waits pending, so the poll sends the chat in order.
        var command = new NpgsqlBatchCommand("""
            INSERT INTO outbox (message_id, tenant_id, conversation_id, channel, account, chat_id, content, status,
                next_attempt_at, lease_until, created_at, author, operator_id, message_tag)
            SELECT m, t, c, ch, a, chat, content, CASE WHEN pushed THEN 2 ELSE 1 END, created,
                CASE WHEN pushed THEN lease END, created, author, op, tag
            FROM (
                SELECT u.*, u.lease IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM outbox p
                    WHERE p.finished_at IS NULL AND p.tenant_id = u.t AND p.channel = u.ch AND p.account = u.a AND p.chat_id = u.chat) AS pushed
                FROM unnest(@message, @tenant, @conversation, @channel, @account, @chat, @content, @created, @author, @operator, @tag, @lease)
                    AS u(m, t, c, ch, a, chat, content, created, author, op, tag, lease)
            ) AS v
            RETURNING message_id, id, lease_until
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
        p.Add(new NpgsqlParameter<DateTime?[]>("lease", [.. items.Select(i => pushLease is { } lease ? (i.CreatedAt + lease).UtcDateTime : (DateTime?)null)]));
        return command;
    }

    private static NpgsqlBatchCommand BuildMessageInsert(List<MessageRecord> rows)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO messages (tenant_id, conversation_id, seq, message_id, customer_id, direction, channel,
                channel_message_id, dedup_key, operator_id, body_text, content, created_at)
            SELECT * FROM unnest(@tenant, @conversation, @seq, @id, @customer, @direction, @channel, @channel_id,
                @dedup, @operator, @text, @content, @created)
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("tenant", [.. rows.Select(r => r.TenantId)]));
        p.Add(new NpgsqlParameter<Guid[]>("conversation", [.. rows.Select(r => r.Message.ConversationId)]));
        p.Add(new NpgsqlParameter<long[]>("seq", [.. rows.Select(r => r.Message.Seq)]));
        p.Add(new NpgsqlParameter<Guid[]>("id", [.. rows.Select(r => r.Message.MessageId)]));
        p.Add(new NpgsqlParameter<Guid[]>("customer", [.. rows.Select(r => r.CustomerId)]));
        p.Add(new NpgsqlParameter<short[]>("direction", [.. rows.Select(r => (short)r.Message.Direction)]));
        p.Add(new NpgsqlParameter<short?[]>("channel", [.. rows.Select(r => (short?)r.Message.Channel)]));
        p.Add(new NpgsqlParameter<string?[]>("channel_id", [.. rows.Select(r => r.Message.ChannelMessageId)]));
        p.Add(new NpgsqlParameter<string?[]>("dedup", [.. rows.Select(r => r.DedupKey)]));
        p.Add(new NpgsqlParameter<Guid?[]>("operator", [.. rows.Select(r => r.Message.OperatorId)]));
        p.Add(new NpgsqlParameter<string[]>("text", [.. rows.Select(r => r.Message.Content.ToPlainText())]));
        p.Add(new NpgsqlParameter<string[]>("content", [.. rows.Select(r => MessageJson.Serialize(r.Message.Content))]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<DateTime[]>("created", [.. rows.Select(r => r.Message.CreatedAt.UtcDateTime)]));
        return command;
    }

    private static NpgsqlBatchCommand BuildMediaFetchInsert(List<MediaFetch> fetches)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO media_fetches (tenant_id, conversation_id, seq, channel, account, reference, file_name, next_attempt_at, created_at)
            SELECT t, c, s, ch, a, r, n, q, q
            FROM unnest(@tenant, @conversation, @seq, @channel, @account, @reference, @name, @queued) AS u(t, c, s, ch, a, r, n, q)
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("tenant", [.. fetches.Select(f => f.TenantId)]));
        p.Add(new NpgsqlParameter<Guid[]>("conversation", [.. fetches.Select(f => f.ConversationId)]));
        p.Add(new NpgsqlParameter<long[]>("seq", [.. fetches.Select(f => f.Seq)]));
        p.Add(new NpgsqlParameter<short[]>("channel", [.. fetches.Select(f => (short)f.Channel)]));
        p.Add(new NpgsqlParameter<string[]>("account", [.. fetches.Select(f => f.Account)]));
        p.Add(new NpgsqlParameter<string[]>("reference", [.. fetches.Select(f => f.Reference)]));
        p.Add(new NpgsqlParameter<string?[]>("name", [.. fetches.Select(f => f.FileName)]));
        p.Add(new NpgsqlParameter<DateTime[]>("queued", [.. fetches.Select(f => f.QueuedAt.UtcDateTime)]));
        return command;
    }

    private static void AddEdit(NpgsqlBatch batch, ConversationRecord conversation, MessageEdit edit)
    {
        if (!edit.IsRevision)
        {
            var complete = new NpgsqlBatchCommand("""
                UPDATE messages SET content = @content, body_text = @text
                WHERE tenant_id = @tenant AND conversation_id = @conversation AND seq = @seq
                """);
            AddKey(complete, conversation, edit);
            complete.Parameters.Add(new NpgsqlParameter<string>("content", MessageJson.Serialize(edit.NewContent)) { NpgsqlDbType = NpgsqlDbType.Jsonb });
            complete.Parameters.Add(new NpgsqlParameter<string>("text", edit.NewContent.ToPlainText()));
            batch.BatchCommands.Add(complete);
            return;
        }

        var keep = new NpgsqlBatchCommand("""
            INSERT INTO message_revisions (tenant_id, conversation_id, seq, revision, body_text, content, replaced_at)
            SELECT m.tenant_id, m.conversation_id, m.seq,
                   coalesce((SELECT max(r.revision) FROM message_revisions r
                             WHERE r.tenant_id = m.tenant_id AND r.conversation_id = m.conversation_id AND r.seq = m.seq), 0) + 1,
                   m.body_text, m.content, @at
            FROM messages m WHERE m.tenant_id = @tenant AND m.conversation_id = @conversation AND m.seq = @seq
            """);
        AddKey(keep, conversation, edit);
        keep.Parameters.Add(new NpgsqlParameter<DateTime>("at", edit.EditedAt.UtcDateTime));
        batch.BatchCommands.Add(keep);

        var update = new NpgsqlBatchCommand("""
            UPDATE messages SET content = @content, body_text = @text, edited_at = @at
            WHERE tenant_id = @tenant AND conversation_id = @conversation AND seq = @seq
            """);
        AddKey(update, conversation, edit);
        update.Parameters.Add(new NpgsqlParameter<string>("content", MessageJson.Serialize(edit.NewContent)) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        update.Parameters.Add(new NpgsqlParameter<string>("text", edit.NewContent.ToPlainText()));
        update.Parameters.Add(new NpgsqlParameter<DateTime>("at", edit.EditedAt.UtcDateTime));
        batch.BatchCommands.Add(update);

        static void AddKey(NpgsqlBatchCommand command, ConversationRecord conversation, MessageEdit edit)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", conversation.TenantId));
            command.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversation.ConversationId));
            command.Parameters.Add(new NpgsqlParameter<long>("seq", edit.Seq));
        }
    }
}
