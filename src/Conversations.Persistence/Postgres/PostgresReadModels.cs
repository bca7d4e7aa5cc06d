using System.Text;
using Conversations.Abstractions.Channels;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Queries;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Persistence.Postgres;

/// <summary>Inbox, full-text search (PostgreSQL 'russian' configuration) and the customer directory on PostgreSQL.</summary>
public sealed class PostgresReadModels(NpgsqlDataSource dataSource) : IReadModels
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationRecord>> ChangedSinceAsync(Guid tenantId, DateTimeOffset since, ChangedCursor? after, int limit,
        CancellationToken cancellationToken = default)
    {
        // The minute condition lets conversations_changed (0010) find the rows; the exact ones are filtered after it.
        await using var command = dataSource.CreateCommand($"""
            SELECT {ConversationReads.ConversationColumns} FROM conversations
            WHERE tenant_id = @tenant
              AND activity_minute >= date_trunc('minute', timezone('UTC', @since))
              AND last_activity_at >= @since
              AND (@after_at::timestamptz IS NULL OR (last_activity_at, conversation_id) > (@after_at, @after_id))
            ORDER BY last_activity_at, conversation_id
            LIMIT @limit
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        p.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = since.UtcDateTime });
        p.Add(new NpgsqlParameter("after_at", NpgsqlDbType.TimestampTz) { Value = after is null ? DBNull.Value : after.LastActivityAt.UtcDateTime });
        p.Add(new NpgsqlParameter("after_id", NpgsqlDbType.Uuid) { Value = after?.ConversationId ?? Guid.Empty });
        p.Add(new NpgsqlParameter<int>("limit", limit));
        var rows = new List<ConversationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ConversationReads.ReadConversation(reader));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationRecord>> QueryInboxAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        // Integer millisecond ranks (extract() is exact numeric in PostgreSQL 14+), matching InboxCursor.RankOf.
        await using var command = dataSource.CreateCommand($"""
            SELECT {ConversationReads.ConversationColumns} FROM (
                SELECT *, CASE WHEN status = 2 AND waiting_since IS NOT NULL
                               THEN floor(extract(epoch FROM waiting_since) * 1000)::bigint
                               ELSE {InboxCursor.RestOffset} + ({InboxCursor.RestOffset} - floor(extract(epoch FROM last_activity_at) * 1000)::bigint)
                          END AS inbox_rank
                FROM conversations
                WHERE tenant_id = @tenant
                  AND ((@statuses::smallint[] IS NULL AND status <> 4) OR status = ANY(@statuses))
                  AND (@operator::uuid IS NULL OR assigned_operator_id = @operator)
                  AND (NOT @unassigned OR assigned_operator_id IS NULL)
                  AND (@channel::smallint IS NULL OR last_channel = @channel)
                  AND (@since::timestamptz IS NULL OR last_customer_message_at >= @since OR status = 2)
                  {(query.Label is null ? "" : "AND state ? 'labels' AND state->'labels' @> jsonb_build_array(@label::text)")}
            ) c
            WHERE @after_rank::bigint IS NULL OR (inbox_rank, conversation_id) > (@after_rank, @after_id)
            ORDER BY inbox_rank, conversation_id
            LIMIT @limit
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("tenant", query.TenantId));
        p.Add(new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = query.Statuses is null ? DBNull.Value : query.Statuses.Select(s => (short)s).ToArray() });
        p.Add(new NpgsqlParameter("operator", NpgsqlDbType.Uuid) { Value = (object?)query.AssignedOperatorId ?? DBNull.Value });
        p.Add(new NpgsqlParameter<bool>("unassigned", query.Unassigned));
        p.Add(new NpgsqlParameter("channel", NpgsqlDbType.Smallint) { Value = query.Channel is { } channel ? (short)channel : DBNull.Value });
        p.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = query.ActiveSince is { } since ? since.UtcDateTime : DBNull.Value });
        p.Add(new NpgsqlParameter("after_rank", NpgsqlDbType.Bigint) { Value = (object?)query.After?.Rank ?? DBNull.Value });
        p.Add(new NpgsqlParameter("after_id", NpgsqlDbType.Uuid) { Value = query.After?.ConversationId ?? Guid.Empty });
        p.Add(new NpgsqlParameter<int>("limit", query.Limit));
        if (query.Label is { } label)
        {
            p.Add(new NpgsqlParameter<string>("label", label));
        }

        var rows = new List<ConversationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ConversationReads.ReadConversation(reader));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LabelUsage>> ListLabelsAsync(Guid tenantId, int limit, CancellationToken cancellationToken = default)
    {
        // No index on labels (see ConversationDetails.Labels): the tenant's open conversations, by the (tenant, status) index.
        await using var command = dataSource.CreateCommand("""
            SELECT l, count(*)::int FROM conversations, jsonb_array_elements_text(state->'labels') AS l
            WHERE tenant_id = @tenant AND state ? 'labels' AND status <> 4
            GROUP BY l ORDER BY count(*) DESC, l
            LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var labels = new List<LabelUsage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            labels.Add(new LabelUsage(reader.GetString(0), reader.GetInt32(1)));
        }

        return labels;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageSearchHit>> SearchMessagesAsync(Guid tenantId, string text, Guid? customerId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {ConversationReads.MessageColumns}, customer_id, ts_rank(search, q) AS rank,
                   ts_headline('russian', body_text, q, 'StartSel=[[, StopSel=]], MaxFragments=2, MinWords=5, MaxWords=25')
            FROM messages, websearch_to_tsquery('russian', @text) q
            WHERE tenant_id = @tenant AND search @@ q AND (@customer::uuid IS NULL OR customer_id = @customer)
            ORDER BY rank DESC, created_at DESC
            LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<string>("text", text));
        command.Parameters.Add(new NpgsqlParameter("customer", NpgsqlDbType.Uuid) { Value = (object?)customerId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var hits = new List<MessageSearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new MessageSearchHit(ConversationReads.ReadMessage(reader), reader.GetGuid(10), reader.GetFloat(11), reader.GetString(12)));
        }

        return hits;
    }

    /// <inheritdoc />
    public async Task UpsertCustomerAsync(CustomerRecord customer, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO customers (tenant_id, customer_id, display_name, username, phones, emails, channels, created_at, updated_at, external_id, tags,
                attributes, consents)
            VALUES (@tenant, @customer, @name, @username, @phones, @emails, @channels, @created, @updated, @external, @tags, @attributes, @consents)
            ON CONFLICT (tenant_id, customer_id) DO UPDATE SET display_name = excluded.display_name, username = excluded.username,
                phones = excluded.phones, emails = excluded.emails, channels = excluded.channels, updated_at = excluded.updated_at,
                external_id = excluded.external_id, tags = excluded.tags, attributes = excluded.attributes, consents = excluded.consents
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("tenant", customer.TenantId));
        p.Add(new NpgsqlParameter<Guid>("customer", customer.CustomerId));
        p.Add(new NpgsqlParameter<string>("name", customer.DisplayName));
        p.Add(new NpgsqlParameter("username", NpgsqlDbType.Text) { Value = (object?)customer.Username ?? DBNull.Value });
        p.Add(new NpgsqlParameter<string[]>("phones", [.. customer.Phones]));
        p.Add(new NpgsqlParameter<string[]>("emails", [.. customer.Emails]));
        p.Add(new NpgsqlParameter<short[]>("channels", [.. customer.Channels.Select(c => (short)c)]));
        p.Add(new NpgsqlParameter<DateTime>("created", customer.CreatedAt.UtcDateTime));
        p.Add(new NpgsqlParameter<DateTime>("updated", customer.UpdatedAt.UtcDateTime));
        p.Add(new NpgsqlParameter("external", NpgsqlDbType.Text) { Value = (object?)customer.ExternalId ?? DBNull.Value });
        p.Add(new NpgsqlParameter<string[]>("tags", [.. customer.Tags ?? []]));
        p.Add(new NpgsqlParameter<string>("attributes", System.Text.Json.JsonSerializer.Serialize(customer.Attributes ?? new Dictionary<string, string>())) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<string[]>("consents", [.. customer.Consents ?? []]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task RemoveCustomerAsync(Guid tenantId, Guid customerId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM customers WHERE tenant_id = @tenant AND customer_id = @customer");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("customer", customerId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CustomerRecord>> FindCustomersByContactsAsync(Guid tenantId, IReadOnlyList<string> phones, IReadOnlyList<string> emails, int limit, CancellationToken cancellationToken = default)
    {
        // phones && … uses customers_phones (GIN); e-mails are matched as stored and in lower case.
        await using var command = dataSource.CreateCommand("""
            SELECT tenant_id, customer_id, display_name, username, phones, emails, channels, created_at, updated_at, external_id, tags
            FROM customers
            WHERE tenant_id = @tenant AND (phones && @phones OR emails && @emails)
            ORDER BY updated_at DESC
            LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<string[]>("phones", [.. phones]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("emails", [.. emails.Concat(emails.Select(e => e.ToLowerInvariant())).Distinct(StringComparer.Ordinal)]));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadCustomersAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CustomerRecord>> SearchCustomersAsync(Guid tenantId, string text, int limit, CancellationToken cancellationToken = default)
    {
        var needle = text.Trim().ToLowerInvariant();
        var digits = new string([.. needle.Where(char.IsAsciiDigit)]);
        await using var command = dataSource.CreateCommand("""
            SELECT tenant_id, customer_id, display_name, username, phones, emails, channels, created_at, updated_at, external_id, tags
            FROM customers
            WHERE tenant_id = @tenant AND (
                external_id = @exact OR tags @> ARRAY[@needle] OR lower(display_name) LIKE @like ESCAPE '\' OR lower(coalesce(username, '')) LIKE @like ESCAPE '\'
                OR EXISTS (SELECT 1 FROM unnest(emails) e WHERE lower(e) LIKE @like ESCAPE '\')
                OR (length(@digits) >= 4 AND EXISTS (SELECT 1 FROM unnest(phones) p WHERE regexp_replace(p, '\D', '', 'g') LIKE '%' || @digits || '%')))
            ORDER BY updated_at DESC
            LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<string>("like", "%" + EscapeLike(needle) + "%"));
        command.Parameters.Add(new NpgsqlParameter<string>("digits", digits));
        command.Parameters.Add(new NpgsqlParameter<string>("exact", text.Trim()));
        command.Parameters.Add(new NpgsqlParameter<string>("needle", needle));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadCustomersAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<CustomerRecord>> ReadCustomersAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<CustomerRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new CustomerRecord(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<string[]>(4), reader.GetFieldValue<string[]>(5), [.. reader.GetFieldValue<short[]>(6).Select(c => (ChannelKind)c)],
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetFieldValue<string[]>(10)));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationRecord>> ListCustomerConversationsAsync(Guid tenantId, Guid customerId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {ConversationReads.ConversationColumns} FROM conversations
            WHERE tenant_id = @tenant AND customer_id = @customer ORDER BY opened_at DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("customer", customerId));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var rows = new List<ConversationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ConversationReads.ReadConversation(reader));
        }

        return rows;
    }

    private static string EscapeLike(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
