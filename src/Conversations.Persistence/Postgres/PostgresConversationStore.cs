using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Persistence.Postgres;

/// <summary>
/// Conversations and messages on PostgreSQL. Commits from all grains of the silo are queued and written
/// by a few writer loops, each taking every queued commit (up to a limit) into one transaction: one
/// fsync for many messages (group commit). A caller's task completes only after its transaction committed.
/// </summary>
public sealed partial class PostgresConversationStore : IConversationStore, IAsyncDisposable
{
    private static readonly Meter Meter = new("Conversations.Persistence");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("conversations.store.batch_size", description: "Commits per database transaction");
    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("conversations.store.batch_duration", "ms", "Duration of one group-commit transaction");

    private readonly NpgsqlDataSource _dataSource;
    private readonly BatchWriterOptions _options;
    private readonly ILogger<PostgresConversationStore> _logger;
    private readonly Channel<PendingCommit> _queue = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _writers;
    private int _disposed;

    /// <summary>Starts the writer loops.</summary>
    public PostgresConversationStore(NpgsqlDataSource dataSource, IOptions<BatchWriterOptions> options, ILogger<PostgresConversationStore> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
        _writers = [.. Enumerable.Range(0, Math.Max(1, _options.Writers)).Select(_ => Task.Run(WriteLoopAsync))];
    }

    /// <inheritdoc />
    public Task CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default)
    {
        var pending = new PendingCommit(commit);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new StoreUnavailableException("The message store is shutting down.");
        }

        return pending.Completion.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingCommit>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (batch.Count > 0)
                {
                    await WriteBatchAsync(batch);
                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            foreach (var item in batch)
            {
                item.Completion.TrySetException(new StoreUnavailableException("The message store is shutting down."));
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingCommit> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        BatchSize.Record(batch.Count);
        try
        {
            var conflicts = await ExecuteWithRetryAsync(batch);
            if (conflicts.Count == 0)
            {
                foreach (var item in batch)
                {
                    item.Completion.TrySetResult();
                }
            }
            else
            {
                // Some rows had moved on: fail those, write the rest again without them.
                foreach (var item in batch.Where(i => conflicts.Contains(i.Commit.Conversation.ConversationId)))
                {
                    item.Completion.TrySetException(new ConcurrencyConflictException(item.Commit.Conversation.ConversationId));
                }

                var rest = batch.Where(i => !conflicts.Contains(i.Commit.Conversation.ConversationId)).ToList();
                if (rest.Count > 0)
                {
                    await WriteBatchAsync(rest);
                }
            }
        }
        catch (PostgresException ex) when (batch.Count > 1 && ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // One commit broke a unique rule and took the transaction with it: write each alone to isolate it.
            foreach (var item in batch)
            {
                await WriteBatchAsync([item]);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            var error = await ClassifyUniqueViolationAsync(batch[0].Commit, ex);
            if (error is null)
            {
                batch[0].Completion.TrySetResult();
            }
            else
            {
                batch[0].Completion.TrySetException(error);
            }
        }
        catch (Exception ex)
        {
            LogBatchFailed(_logger, ex, batch.Count);
            var error = ex as StoreUnavailableException ?? new StoreUnavailableException("The message store failed to commit.", ex);
            foreach (var item in batch)
            {
                item.Completion.TrySetException(error);
            }
        }
        finally
        {
            BatchDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>The error to report, or null when the commit had in fact landed in an earlier attempt.</summary>
    private async Task<Exception?> ClassifyUniqueViolationAsync(ConversationCommit commit, PostgresException ex)
    {
        if (ex.ConstraintName == "messages_dedup")
        {
            var key = commit.Messages.Select(m => m.DedupKey).FirstOrDefault(k => k is not null);
            return new DuplicateMessageException(key ?? "?");
        }

        // A primary-key clash on (conversation, seq) is either another activation writing the same
        // conversation, or our own commit that did land before the connection dropped: tell them apart
        // by the message ids.
        if (ex.ConstraintName is "messages_pkey" or "messages_message_id" && commit.Messages.Count > 0)
        {
            if (await AllMessagesStoredAsync(commit))
            {
                return null;
            }
        }

        return new ConcurrencyConflictException(commit.Conversation.ConversationId);
    }

    private async Task<bool> AllMessagesStoredAsync(ConversationCommit commit)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM messages WHERE message_id = ANY(@ids)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. commit.Messages.Select(m => m.Message.MessageId)]));
        var count = (long)(await command.ExecuteScalarAsync())!;
        return count == commit.Messages.Count;
    }

    /// <summary>Runs the batch, retrying transient failures; returns the conversations whose row version check failed.</summary>
    private async Task<HashSet<Guid>> ExecuteWithRetryAsync(List<PendingCommit> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ExecuteAsync(batch);
            }
            catch (NpgsqlException ex) when (ex.IsTransient && System.Diagnostics.Stopwatch.GetElapsedTime(started) + delay < _options.RetryFor && !_stopping.IsCancellationRequested)
            {
                LogTransientRetry(_logger, ex, attempt, batch.Count);
                await Task.Delay(delay);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
            catch (NpgsqlException ex) when (ex.IsTransient)
            {
                throw new StoreUnavailableException("The database is unreachable.", ex);
            }
        }
    }

    private async Task<HashSet<Guid>> ExecuteAsync(List<PendingCommit> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlBatch(connection, transaction);

        command.BatchCommands.Add(BuildConversationUpsert(batch));
        var messages = batch.SelectMany(b => b.Commit.Messages).ToList();
        if (messages.Count > 0)
        {
            command.BatchCommands.Add(BuildMessageInsert(messages));
        }

        var outbox = batch.SelectMany(b => b.Commit.OutboxItems).ToList();
        if (outbox.Count > 0)
        {
            command.BatchCommands.Add(BuildOutboxInsert(outbox));
        }

        foreach (var item in batch)
        {
            foreach (var edit in item.Commit.Edits)
            {
                AddEdit(command, item.Commit.Conversation, edit);
            }
        }

        var written = new HashSet<Guid>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                written.Add(reader.GetGuid(0));
            }
        }

        var conflicts = batch.Select(b => b.Commit.Conversation.ConversationId).Where(id => !written.Contains(id)).ToHashSet();
        if (conflicts.Count > 0)
        {
            await transaction.RollbackAsync();
            return conflicts;
        }

        await transaction.CommitAsync();
        return conflicts;
    }

    private static NpgsqlBatchCommand BuildConversationUpsert(List<PendingCommit> batch)
    {
        var rows = batch.Select(b => b.Commit.Conversation).ToList();
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

    private static NpgsqlBatchCommand BuildOutboxInsert(List<OutboxItem> items)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO outbox (message_id, tenant_id, conversation_id, channel, account, chat_id, content, status,
                next_attempt_at, created_at)
            SELECT m, t, c, ch, a, chat, content, 1, created, created
            FROM unnest(@message, @tenant, @conversation, @channel, @account, @chat, @content, @created)
                AS u(m, t, c, ch, a, chat, content, created)
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

    private static void AddEdit(NpgsqlBatch batch, ConversationRecord conversation, MessageEdit edit)
    {
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

    /// <inheritdoc />
    public async Task<ConversationLoad?> LoadAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var batch = _dataSource.CreateBatch();
        var row = new NpgsqlBatchCommand($"""
            SELECT {ConversationColumns}
            FROM conversations WHERE tenant_id = @tenant AND conversation_id = @conversation
            """);
        row.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        row.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversationId));
        var keys = new NpgsqlBatchCommand("""
            SELECT dedup_key, seq, message_id FROM messages
            WHERE tenant_id = @tenant AND conversation_id = @conversation AND dedup_key IS NOT NULL
            ORDER BY seq DESC LIMIT @limit
            """);
        keys.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        keys.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversationId));
        keys.Parameters.Add(new NpgsqlParameter<int>("limit", DedupWindow));
        batch.BatchCommands.Add(row);
        batch.BatchCommands.Add(keys);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var record = ReadConversation(reader);

        await reader.NextResultAsync(cancellationToken);
        var recent = new List<DedupEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            recent.Add(new DedupEntry(reader.GetString(0), conversationId, reader.GetInt64(1), reader.GetGuid(2)));
        }

        recent.Reverse();
        return new ConversationLoad(record, recent);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChatMessage>> ReadMessagesAsync(Guid tenantId, Guid conversationId, HistoryQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {MessageColumns} FROM messages
            WHERE tenant_id = @tenant AND conversation_id = @conversation AND seq > @after AND direction = ANY(@directions)
            ORDER BY seq LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversationId));
        command.Parameters.Add(new NpgsqlParameter<long>("after", query.AfterSeq));
        command.Parameters.Add(new NpgsqlParameter<short[]>("directions", HistoryFilter.Directions(query)));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", query.Limit));
        return await ReadMessageListAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DedupEntry?> FindByDedupKeyAsync(Guid tenantId, string dedupKey, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT conversation_id, seq, message_id FROM messages WHERE tenant_id = @tenant AND dedup_key = @key");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<string>("key", dedupKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DedupEntry(dedupKey, reader.GetGuid(0), reader.GetInt64(1), reader.GetGuid(2))
            : null;
    }

    /// <inheritdoc />
    public async Task<ChatMessage?> FindByChannelMessageIdAsync(Guid tenantId, Guid conversationId, ChannelKind channel, string channelMessageId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {MessageColumns} FROM messages
            WHERE tenant_id = @tenant AND conversation_id = @conversation AND channel = @channel AND channel_message_id = @channel_id
            ORDER BY seq DESC LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversationId));
        command.Parameters.Add(new NpgsqlParameter<short>("channel", (short)channel));
        command.Parameters.Add(new NpgsqlParameter<string>("channel_id", channelMessageId));
        var found = await ReadMessageListAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageContent>> ReadRevisionsAsync(Guid tenantId, Guid conversationId, long seq, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT content::text FROM message_revisions
            WHERE tenant_id = @tenant AND conversation_id = @conversation AND seq = @seq ORDER BY revision
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversationId));
        command.Parameters.Add(new NpgsqlParameter<long>("seq", seq));
        var revisions = new List<MessageContent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            revisions.Add(MessageJson.Deserialize(reader.GetString(0)));
        }

        return revisions;
    }

    /// <summary>The columns <see cref="ReadMessage"/> expects, in order.</summary>
    internal const string MessageColumns =
        "message_id, conversation_id, seq, direction, content::text, channel, channel_message_id, operator_id, created_at, edited_at";

    /// <summary>Reads one row selected with <see cref="MessageColumns"/>.</summary>
    internal static ChatMessage ReadMessage(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), (MessageDirection)reader.GetInt16(3),
        MessageJson.Deserialize(reader.GetString(4)),
        reader.IsDBNull(5) ? null : (ChannelKind)reader.GetInt16(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetGuid(7),
        reader.GetFieldValue<DateTimeOffset>(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9));

    private static async Task<IReadOnlyList<ChatMessage>> ReadMessageListAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(ReadMessage(reader));
        }

        return messages;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> FindPendingBotTurnsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT tenant_id, conversation_id FROM conversations
            WHERE status IN (1, 2) AND last_customer_seq > bot_cursor AND last_activity_at >= @since
            ORDER BY last_activity_at LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("since", since.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var found = new List<(Guid, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationRecord>> ListByStatusAsync(Guid tenantId, ConversationStatus status, Guid? assignedOperatorId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {ConversationColumns} FROM conversations
            WHERE tenant_id = @tenant AND status = @status AND (@operator::uuid IS NULL OR assigned_operator_id = @operator)
            ORDER BY last_activity_at LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<short>("status", (short)status));
        command.Parameters.Add(new NpgsqlParameter("operator", NpgsqlDbType.Uuid) { Value = (object?)assignedOperatorId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var found = new List<ConversationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(ReadConversation(reader));
        }

        return found;
    }

    /// <summary>The columns <see cref="ReadConversation"/> expects, in order.</summary>
    internal const string ConversationColumns = """
        tenant_id, conversation_id, customer_id, status, assigned_operator_id, opened_at, closed_at, last_seq,
        last_customer_message_at, last_activity_at, waiting_since, last_channel, customer_display_name,
        last_message_preview, state::text, version, last_customer_seq, bot_cursor
        """;

    /// <summary>Reads one row selected with <see cref="ConversationColumns"/>.</summary>
    internal static ConversationRecord ReadConversation(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), (ConversationStatus)reader.GetInt16(3),
        reader.IsDBNull(4) ? null : reader.GetGuid(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.GetInt64(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetFieldValue<DateTimeOffset>(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : (ChannelKind)reader.GetInt16(11),
        reader.GetString(12), reader.GetString(13), reader.GetString(14), reader.GetInt64(15),
        reader.GetInt64(16), reader.GetInt64(17));

    /// <summary>Stops taking commits and lets the queued ones finish.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await _stopping.CancelAsync();
        _stopping.Dispose();
    }

    private const int DedupWindow = 256;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unreachable on attempt {Attempt}; retrying a batch of {Count} commits")]
    private static partial void LogTransientRetry(ILogger logger, Exception exception, int attempt, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} commits failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed class PendingCommit(ConversationCommit commit)
    {
        public ConversationCommit Commit { get; } = commit;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
