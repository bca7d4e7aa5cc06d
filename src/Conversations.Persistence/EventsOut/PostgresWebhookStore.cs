using Npgsql;

namespace Conversations.Persistence.EventsOut;

/// <summary><see cref="IWebhookStore"/> on PostgreSQL (migration 0026).</summary>
public sealed class PostgresWebhookStore(NpgsqlDataSource dataSource) : IWebhookStore
{
    /// <inheritdoc />
    public async Task AddSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO webhook_subscriptions (subscription_id, tenant_id, url, secret, events, created_at)
            VALUES (@id, @tenant, @url, @secret, @events, @at)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", subscription.Id));
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", subscription.TenantId));
        command.Parameters.Add(new NpgsqlParameter<string>("url", subscription.Url));
        command.Parameters.Add(new NpgsqlParameter<string>("secret", subscription.Secret));
        command.Parameters.Add(new NpgsqlParameter<string[]>("events", [.. subscription.Events]));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("at", subscription.CreatedAt.UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT subscription_id, url, secret, events, created_at FROM webhook_subscriptions WHERE tenant_id = @tenant ORDER BY created_at, subscription_id
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        var found = new List<WebhookSubscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new WebhookSubscription(tenantId, reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<string[]>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveSubscriptionAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM webhook_subscriptions WHERE tenant_id = @tenant AND subscription_id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", subscriptionId));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<Guid>> SubscribedTenantsAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT tenant_id FROM webhook_subscriptions WHERE tenant_id = ANY(@tenants)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("tenants", [.. tenantIds]));
        var found = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetGuid(0));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<WebhookCursor?> ReadCursorAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.customer_id, coalesce(w.last_seq, 0), c.last_seq FROM conversations c
            LEFT JOIN webhook_cursors w ON w.tenant_id = c.tenant_id AND w.conversation_id = c.conversation_id
            WHERE c.tenant_id = @tenant AND c.conversation_id = @conversation
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversationId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new WebhookCursor(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2)) : null;
    }

    /// <inheritdoc />
    public async Task<bool> EnqueueAsync(Guid tenantId, Guid conversationId, long fromSeq, long toSeq, IReadOnlyList<WebhookEvent> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The cursor row's lock serializes silos that read the same history: the second sees the moved cursor and stops.
        await using (var cursor = new NpgsqlCommand("""
            INSERT INTO webhook_cursors (tenant_id, conversation_id, last_seq) VALUES (@tenant, @conversation, @to)
            ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET last_seq = @to WHERE webhook_cursors.last_seq = @from
            """, connection, transaction))
        {
            cursor.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
            cursor.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversationId));
            cursor.Parameters.Add(new NpgsqlParameter<long>("from", fromSeq));
            cursor.Parameters.Add(new NpgsqlParameter<long>("to", toSeq));
            var moved = await cursor.ExecuteNonQueryAsync(cancellationToken);
            if (moved == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        if (events.Count > 0)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO webhook_deliveries (delivery_id, subscription_id, tenant_id, event_id, event_type, order_key, payload, created_at, next_attempt_at)
                SELECT gen_random_uuid(), s.subscription_id, s.tenant_id, e.id, e.type, e.key, e.payload, e.at, e.at
                FROM unnest(@ids, @types, @keys, @payloads, @ats) WITH ORDINALITY AS e(id, type, key, payload, at, n)
                JOIN webhook_subscriptions s ON s.tenant_id = @tenant AND e.type = ANY(s.events) AND s.created_at <= e.at
                ORDER BY e.n, s.subscription_id
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. events.Select(e => e.EventId)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. events.Select(e => e.Type)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. events.Select(e => e.OrderKey)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("payloads", [.. events.Select(e => e.Payload)]));
            insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("ats", [.. events.Select(e => e.At.UtcDateTime)]));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> BehindSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        // A scan of the subscribed tenants' recent conversations, once at start-up (no index uses last_activity_at).
        await using var command = dataSource.CreateCommand("""
            SELECT c.tenant_id, c.conversation_id FROM conversations c
            LEFT JOIN webhook_cursors w ON w.tenant_id = c.tenant_id AND w.conversation_id = c.conversation_id
            WHERE c.tenant_id IN (SELECT tenant_id FROM webhook_subscriptions) AND c.last_activity_at >= @since
              AND c.last_seq > coalesce(w.last_seq, 0)
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("since", since.UtcDateTime));
        var behind = new List<(Guid, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            behind.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }

        return behind;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DueWebhookDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH due AS (
                SELECT d.position FROM webhook_deliveries d
                WHERE d.next_attempt_at <= @now
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o
                                  WHERE o.subscription_id = d.subscription_id AND o.order_key = d.order_key
                                    AND o.next_attempt_at IS NOT NULL AND o.position < d.position)
                ORDER BY d.next_attempt_at, d.position
                LIMIT @limit
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE webhook_deliveries d SET next_attempt_at = @until
            FROM due, webhook_subscriptions s
            WHERE d.position = due.position AND s.subscription_id = d.subscription_id
            RETURNING d.delivery_id, d.tenant_id, s.url, s.secret, d.event_type, d.payload, d.attempts
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("until", (now + lease).UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var claimed = new List<DueWebhookDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new DueWebhookDelivery(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt32(6)));
        }

        return claimed;
    }

    /// <inheritdoc />
    public async Task RecordAttemptAsync(Guid deliveryId, WebhookAttempt attempt, bool delivered, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var batch = dataSource.CreateBatch();
        var update = new NpgsqlBatchCommand("""
            UPDATE webhook_deliveries SET attempts = @attempt, last_status = @status, next_attempt_at = @next,
                   delivered_at = CASE WHEN @delivered THEN @at END
            WHERE delivery_id = @id
            """);
        update.Parameters.Add(new NpgsqlParameter<Guid>("id", deliveryId));
        update.Parameters.Add(new NpgsqlParameter<int>("attempt", attempt.Number));
        update.Parameters.Add(new NpgsqlParameter<int?>("status", attempt.StatusCode));
        update.Parameters.Add(new NpgsqlParameter<DateTime?>("next", nextAttemptAt?.UtcDateTime));
        update.Parameters.Add(new NpgsqlParameter<bool>("delivered", delivered));
        update.Parameters.Add(new NpgsqlParameter<DateTime>("at", attempt.At.UtcDateTime));
        var log = new NpgsqlBatchCommand("""
            INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, latency_ms, error) VALUES (@id, @attempt, @at, @status, @latency, @error)
            ON CONFLICT (delivery_id, attempt) DO NOTHING
            """);
        log.Parameters.Add(new NpgsqlParameter<Guid>("id", deliveryId));
        log.Parameters.Add(new NpgsqlParameter<int>("attempt", attempt.Number));
        log.Parameters.Add(new NpgsqlParameter<DateTime>("at", attempt.At.UtcDateTime));
        log.Parameters.Add(new NpgsqlParameter<int?>("status", attempt.StatusCode));
        log.Parameters.Add(new NpgsqlParameter<int>("latency", attempt.LatencyMs));
        log.Parameters.Add(new NpgsqlParameter<string?>("error", attempt.Error));
        batch.BatchCommands.Add(update);
        batch.BatchCommands.Add(log);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDelivery>?> ListDeliveriesAsync(Guid tenantId, Guid subscriptionId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.delivery_id, d.event_id, d.event_type, d.payload, d.created_at, d.next_attempt_at, d.delivered_at,
                   coalesce((SELECT json_agg(json_build_array(a.attempt, a.at, a.status_code, a.latency_ms, a.error) ORDER BY a.attempt)
                             FROM webhook_attempts a WHERE a.delivery_id = d.delivery_id), '[]')::text
            FROM webhook_subscriptions s
            LEFT JOIN LATERAL (SELECT * FROM webhook_deliveries x WHERE x.subscription_id = s.subscription_id ORDER BY x.position DESC LIMIT @limit) d ON true
            WHERE s.tenant_id = @tenant AND s.subscription_id = @id
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", subscriptionId));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        List<WebhookDelivery>? found = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found ??= [];
            if (reader.IsDBNull(0))
            {
                continue; // the subscription exists and has no delivery yet
            }

            DateTimeOffset? next = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5);
            var status = !reader.IsDBNull(6) ? WebhookDeliveryStatus.Delivered : next is null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
            found.Add(new WebhookDelivery(reader.GetGuid(0), subscriptionId, reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), status, next, WebhookAttemptsJson.Parse(reader.GetString(7))));
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<bool> RedeliverAsync(Guid tenantId, Guid subscriptionId, Guid deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE webhook_deliveries SET next_attempt_at = @now, delivered_at = NULL
            WHERE tenant_id = @tenant AND subscription_id = @subscription AND delivery_id = @id
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("subscription", subscriptionId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", deliveryId));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
