using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Conversations;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Persistence.Postgres;

/// <summary>
/// The SQL that reads conversations and messages, and the column lists and row readers the read models share.
/// Writes go through <see cref="ConversationWrites"/>.
/// </summary>
public sealed class ConversationReads(NpgsqlDataSource dataSource)
{
    private const int DedupWindow = DedupEntry.RecentWindow;

    /// <inheritdoc cref="IConversationStore.LoadAsync" />
    public async Task<ConversationLoad?> LoadAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
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

    /// <inheritdoc cref="IConversationStore.ReadMessagesAsync" />
    public async Task<IReadOnlyList<ChatMessage>> ReadMessagesAsync(Guid tenantId, Guid conversationId, HistoryQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
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

    /// <inheritdoc cref="IConversationStore.FindByDedupKeyAsync" />
    public async Task<DedupEntry?> FindByDedupKeyAsync(Guid tenantId, string dedupKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT conversation_id, seq, message_id FROM messages WHERE tenant_id = @tenant AND dedup_key = @key");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<string>("key", dedupKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DedupEntry(dedupKey, reader.GetGuid(0), reader.GetInt64(1), reader.GetGuid(2))
            : null;
    }

    /// <inheritdoc cref="IConversationStore.FindByChannelMessageIdAsync" />
    public async Task<ChatMessage?> FindByChannelMessageIdAsync(Guid tenantId, Guid conversationId, ChannelKind channel, string channelMessageId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
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

    /// <inheritdoc cref="IConversationStore.ReadRevisionsAsync" />
    public async Task<IReadOnlyList<MessageContent>> ReadRevisionsAsync(Guid tenantId, Guid conversationId, long seq, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
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

    /// <inheritdoc cref="IConversationStore.FindPendingBotTurnsAsync" />
    public async Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> FindPendingBotTurnsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT tenant_id, conversation_id FROM conversations
            WHERE turn_pending AND last_activity_at >= @since
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

    /// <inheritdoc cref="IConversationStore.ListByStatusAsync" />
    public async Task<IReadOnlyList<ConversationRecord>> ListByStatusAsync(Guid tenantId, ConversationStatus status, Guid? assignedOperatorId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
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
}
