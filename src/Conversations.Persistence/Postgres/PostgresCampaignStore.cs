using System.Text;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Campaigns;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Persistence.Postgres;

/// <summary><see cref="ICampaignStore"/> on PostgreSQL: <c>campaigns</c> and <c>campaign_recipients</c> (migration 0032).</summary>
public sealed class PostgresCampaignStore(NpgsqlDataSource dataSource) : ICampaignStore
{
    private const string Columns = "tenant_id, id, name, status, topic, audience::text, contents::text, channels, message_tag, start_at, planned, plan_done, created_at, updated_at, finished_at";
    private const string Live = "'Waiting', 'Sending'";

    /// <inheritdoc />
    public async Task AddAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO campaigns (tenant_id, id, name, status, topic, audience, contents, channels, message_tag, start_at, created_at, updated_at)
            VALUES (@tenant, @id, @name, @status, @topic, @audience, @contents, @channels, @tag, @start, @now, @now)
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("tenant", campaign.TenantId));
        p.Add(new NpgsqlParameter<Guid>("id", campaign.Id));
        p.Add(new NpgsqlParameter<string>("name", campaign.Name));
        p.Add(new NpgsqlParameter<string>("status", campaign.Status.ToString()));
        p.Add(new NpgsqlParameter("topic", NpgsqlDbType.Text) { Value = (object?)campaign.Topic ?? DBNull.Value });
        p.Add(new NpgsqlParameter<string>("audience", JsonSerializer.Serialize(AudienceJson.From(campaign.Audience))) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<string>("contents", JsonSerializer.Serialize(campaign.Contents)) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<int[]>("channels", [.. campaign.Channels.Select(c => (int)c)]));
        p.Add(new NpgsqlParameter("tag", NpgsqlDbType.Text) { Value = (object?)campaign.MessageTag ?? DBNull.Value });
        p.Add(new NpgsqlParameter<DateTime>("start", campaign.StartAt.UtcDateTime));
        p.Add(new NpgsqlParameter<DateTime>("now", campaign.CreatedAt.UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Campaign?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM campaigns WHERE tenant_id = @tenant AND id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Campaign>> ListAsync(Guid tenantId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM campaigns WHERE tenant_id = @tenant ORDER BY created_at DESC, id LIMIT @limit");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(Campaign? Campaign, bool Changed)> ChangeStatusAsync(Guid tenantId, Guid id, IReadOnlyCollection<CampaignStatus> from, CampaignStatus to,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            UPDATE campaigns SET updated_at = @now, finished_at = CASE WHEN @final THEN @now ELSE finished_at END,
                -- Resumed before its start came (nothing planned yet): it waits for its start again.
                status = CASE WHEN @to = 'Running' AND planned = 0 AND plan_cursor IS NULL AND NOT plan_done THEN 'Scheduled' ELSE @to END
            WHERE tenant_id = @tenant AND id = @id AND status = ANY(@from)
            RETURNING {Columns}
            """, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string>("to", to.ToString()));
        p.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        p.Add(new NpgsqlParameter<bool>("final", to is CampaignStatus.Cancelled or CampaignStatus.Finished));
        p.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        p.Add(new NpgsqlParameter<Guid>("id", id));
        p.Add(new NpgsqlParameter<string[]>("from", [.. from.Select(s => s.ToString())]));
        var changed = (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
        if (changed is not null)
        {
            var type = to switch
            {
                CampaignStatus.Paused => "campaign.paused",
                CampaignStatus.Running => "campaign.resumed",
                CampaignStatus.Cancelled => "campaign.cancelled",
                _ => "campaign." + to.ToString().ToLowerInvariant(),
            };
            await QueueEventAsync(connection, transaction, changed, type, now, cancellationToken);
        }

        if (changed is not null && to == CampaignStatus.Cancelled)
        {
            // A claim still in its lease is being sent by a silo and settles itself; the rest never go.
            await using var cancel = new NpgsqlCommand("""
                UPDATE campaign_recipients SET status = 'Cancelled'
                WHERE tenant_id = @tenant AND campaign_id = @id AND (status = 'Waiting' OR (status = 'Sending' AND due_at <= @now))
                """, connection, transaction);
            cancel.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
            cancel.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            cancel.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
            await cancel.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed is not null ? (changed, true) : (await FindAsync(tenantId, id, cancellationToken), false);
    }

    /// <inheritdoc />
    public async Task<(Campaign Campaign, int Planned, bool Started)?> PlanNextAsync(DateTimeOffset now, int batch, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid? cursor;
        Campaign campaign;
        await using (var next = new NpgsqlCommand($"""
            SELECT {Columns}, plan_cursor FROM campaigns
            WHERE status IN ('Scheduled', 'Running') AND NOT plan_done AND start_at <= @now
            ORDER BY start_at LIMIT 1 FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            next.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
            await using var reader = await next.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            campaign = Read(reader);
            cursor = reader.IsDBNull(15) ? null : reader.GetGuid(15);
        }

        // One keyset step through the directory: customers after the cursor, in id order, who match the audience.
        var where = new StringBuilder("cu.tenant_id = @tenant AND (@cursor::uuid IS NULL OR cu.customer_id > @cursor::uuid)");
        await using var plan = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        var p = plan.Parameters;
        p.Add(new NpgsqlParameter<Guid>("tenant", campaign.TenantId));
        p.Add(new NpgsqlParameter<Guid>("campaign", campaign.Id));
        p.Add(new NpgsqlParameter("cursor", NpgsqlDbType.Uuid) { Value = (object?)cursor ?? DBNull.Value });
        p.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        p.Add(new NpgsqlParameter<int>("batch", batch));
        var audience = campaign.Audience;
        if (audience.Tags.Count > 0)
        {
            where.Append(" AND cu.tags @> @tags");
            p.Add(new NpgsqlParameter<string[]>("tags", [.. audience.Tags]));
        }

        if (audience.Channels.Count > 0)
        {
            where.Append(" AND cu.channels && @channels");
            p.Add(new NpgsqlParameter<short[]>("channels", [.. audience.Channels.Select(c => (short)c)]));
        }

        if (audience.Attributes.Count > 0)
        {
            where.Append(" AND cu.attributes @> @attributes");
            p.Add(new NpgsqlParameter<string>("attributes", JsonSerializer.Serialize(audience.Attributes)) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        }

        if (audience.Consent is { } consent)
        {
            where.Append(" AND @consent = ANY(cu.consents)");
            p.Add(new NpgsqlParameter<string>("consent", consent));
        }

        if (audience.ActiveSince is { } active)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM conversations c WHERE c.tenant_id = cu.tenant_id AND c.customer_id = cu.customer_id AND c.last_activity_at >= @active)");
            p.Add(new NpgsqlParameter<DateTime>("active", active.UtcDateTime));
        }

        if (audience.InactiveSince is { } inactive)
        {
            where.Append(" AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.tenant_id = cu.tenant_id AND c.customer_id = cu.customer_id AND c.last_activity_at >= @inactive)");
            p.Add(new NpgsqlParameter<DateTime>("inactive", inactive.UtcDateTime));
        }

        if (audience.SubscribedOnly && campaign.Topic is { } topic)
        {
            where.Append("""
                 AND (SELECT s.subscribed FROM customer_subscriptions s WHERE s.tenant_id = cu.tenant_id AND s.customer_id = cu.customer_id
                      AND s.topic IN (@topic, '*') ORDER BY s.id DESC LIMIT 1) IS TRUE
                """);
            p.Add(new NpgsqlParameter<string>("topic", topic));
        }

        plan.CommandText = $"""
            WITH batch AS (SELECT cu.customer_id FROM customers cu WHERE {where} ORDER BY cu.customer_id LIMIT @batch),
                 added AS (INSERT INTO campaign_recipients (tenant_id, campaign_id, customer_id, status, due_at)
                           SELECT @tenant, @campaign, customer_id, 'Waiting', @now FROM batch
                           ON CONFLICT DO NOTHING RETURNING 1)
            SELECT (SELECT count(*) FROM batch)::int, (SELECT customer_id FROM batch ORDER BY customer_id DESC LIMIT 1), (SELECT count(*) FROM added)::int
            """;
        int seen, added;
        Guid? last;
        await using (var reader = await plan.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            seen = reader.GetInt32(0);
            last = reader.IsDBNull(1) ? null : reader.GetGuid(1);
            added = reader.GetInt32(2);
        }

        var started = campaign.Status == CampaignStatus.Scheduled;
        await using (var move = new NpgsqlCommand($"""
            UPDATE campaigns SET plan_cursor = coalesce(@last, plan_cursor), planned = planned + @added, plan_done = @done,
                status = CASE WHEN status = 'Scheduled' THEN 'Running' ELSE status END,
                updated_at = CASE WHEN status = 'Scheduled' THEN @now ELSE updated_at END
            WHERE tenant_id = @tenant AND id = @campaign
            RETURNING {Columns}
            """, connection, transaction))
        {
            move.Parameters.Add(new NpgsqlParameter("last", NpgsqlDbType.Uuid) { Value = (object?)last ?? DBNull.Value });
            move.Parameters.Add(new NpgsqlParameter<int>("added", added));
            move.Parameters.Add(new NpgsqlParameter<bool>("done", seen < batch));
            move.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
            move.Parameters.Add(new NpgsqlParameter<Guid>("tenant", campaign.TenantId));
            move.Parameters.Add(new NpgsqlParameter<Guid>("campaign", campaign.Id));
            campaign = (await ReadAllAsync(move, cancellationToken)).Single();
        }

        if (started)
        {
            await QueueEventAsync(connection, transaction, campaign, "campaign.started", now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (campaign, added, started);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Campaign>> RunningAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM campaigns WHERE status = 'Running' ORDER BY start_at");
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> OpenOutboxAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        // outbox_open (tenant_id, …) WHERE status IN (1, 2): counted up to a cap, never the whole backlog.
        await using var command = dataSource.CreateCommand("SELECT count(*)::int FROM (SELECT 1 FROM outbox WHERE tenant_id = @tenant AND status IN (1, 2) LIMIT 100000) o");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignClaim>> ClaimAsync(Guid tenantId, Guid campaignId, DateTimeOffset now, TimeSpan lease, int limit,
        CancellationToken cancellationToken = default)
    {
        // The claimed set is a materialized CTE: as a subquery in UPDATE … FROM the planner may rescan it once per row it
        // joins (a nested loop), and each rescan of LIMIT … SKIP LOCKED can pick other rows, claiming more than the limit.
        await using var command = dataSource.CreateCommand($"""
            WITH due AS MATERIALIZED (
                SELECT customer_id FROM campaign_recipients
                WHERE campaign_id = @campaign AND tenant_id = @tenant AND status IN ({Live}) AND due_at <= @now
                ORDER BY due_at, customer_id LIMIT @limit FOR UPDATE SKIP LOCKED)
            UPDATE campaign_recipients r SET status = 'Sending', due_at = @until, attempts = r.attempts + 1
            FROM due
            WHERE r.tenant_id = @tenant AND r.campaign_id = @campaign AND r.customer_id = due.customer_id
            RETURNING r.customer_id, r.due_at, r.attempts
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        p.Add(new NpgsqlParameter<Guid>("campaign", campaignId));
        p.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        p.Add(new NpgsqlParameter<DateTime>("until", (now + lease).UtcDateTime));
        p.Add(new NpgsqlParameter<int>("limit", limit));
        var claims = new List<CampaignClaim>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claims.Add(new CampaignClaim(tenantId, campaignId, reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2)));
        }

        return claims;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(CampaignClaim claim, CampaignRecipientStatus status, ChannelKind? channel, string? rule, string? detail,
        Guid? messageId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE campaign_recipients SET status = @status, channel = @channel, rule = @rule, detail = @detail, message_id = @message,
                sent_at = CASE WHEN @message::uuid IS NULL THEN NULL ELSE @now END
            WHERE tenant_id = @tenant AND campaign_id = @campaign AND customer_id = @customer AND status = 'Sending' AND due_at = @lease
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string>("status", status.ToString()));
        p.Add(new NpgsqlParameter("channel", NpgsqlDbType.Smallint) { Value = channel is { } c ? (short)c : DBNull.Value });
        p.Add(new NpgsqlParameter("rule", NpgsqlDbType.Text) { Value = (object?)rule ?? DBNull.Value });
        p.Add(new NpgsqlParameter("detail", NpgsqlDbType.Text) { Value = (object?)detail ?? DBNull.Value });
        p.Add(new NpgsqlParameter("message", NpgsqlDbType.Uuid) { Value = (object?)messageId ?? DBNull.Value });
        p.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        p.Add(new NpgsqlParameter<Guid>("tenant", claim.TenantId));
        p.Add(new NpgsqlParameter<Guid>("campaign", claim.CampaignId));
        p.Add(new NpgsqlParameter<Guid>("customer", claim.CustomerId));
        p.Add(new NpgsqlParameter<DateTime>("lease", claim.DueAt.UtcDateTime));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> FinishIfDoneAsync(Guid tenantId, Guid id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            UPDATE campaigns SET status = 'Finished', updated_at = @now, finished_at = @now
            WHERE tenant_id = @tenant AND id = @id AND status = 'Running' AND plan_done
              AND NOT EXISTS (SELECT 1 FROM campaign_recipients WHERE campaign_id = @id AND tenant_id = @tenant AND status IN ({Live}))
            RETURNING {Columns}
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        var finished = (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
        if (finished is not null)
        {
            await QueueEventAsync(connection, transaction, finished, "campaign.finished", now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return finished is not null;
    }

    /// <inheritdoc />
    public async Task<CampaignCounts> CountAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.status, o.status, count(*)::int,
                   count(*) FILTER (WHERE r.sent_at IS NOT NULL AND EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = r.tenant_id
                       AND m.customer_id = r.customer_id AND m.direction = 1 AND m.created_at > r.sent_at))::int
            FROM campaign_recipients r LEFT JOIN outbox o ON o.message_id = r.message_id
            WHERE r.tenant_id = @tenant AND r.campaign_id = @id
            GROUP BY r.status, o.status
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        int planned = 0, waiting = 0, sent = 0, delivered = 0, read = 0, failed = 0, refused = 0, optedOut = 0, replied = 0, cancelled = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = Enum.Parse<CampaignRecipientStatus>(reader.GetString(0));
            DeliveryStatus? delivery = reader.IsDBNull(1) ? null : (DeliveryStatus)reader.GetInt16(1);
            var n = reader.GetInt32(2);
            planned += n;
            replied += reader.GetInt32(3);
            switch (status)
            {
                case CampaignRecipientStatus.Waiting or CampaignRecipientStatus.Sending: waiting += n; break;
                case CampaignRecipientStatus.Refused: refused += n; break;
                case CampaignRecipientStatus.OptedOut: optedOut += n; break;
                case CampaignRecipientStatus.Failed: failed += n; break;
                case CampaignRecipientStatus.Cancelled: cancelled += n; break;
                case CampaignRecipientStatus.Sent:
                    sent += n;
                    if (delivery is DeliveryStatus.Delivered or DeliveryStatus.Read)
                    {
                        delivered += n;
                    }

                    if (delivery is DeliveryStatus.Read)
                    {
                        read += n;
                    }

                    if (delivery is DeliveryStatus.Failed or DeliveryStatus.Blocked)
                    {
                        failed += n;
                    }

                    break;
            }
        }

        return new CampaignCounts(planned, waiting, sent, delivered, read, failed, refused, optedOut, replied, cancelled);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignRecipient>> RecipientsAsync(Guid tenantId, Guid id, CampaignRecipientStatus? status, Guid? after, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.customer_id, r.status, r.channel, r.rule, r.detail, r.message_id, o.status, r.sent_at,
                   r.sent_at IS NOT NULL AND EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = r.tenant_id AND m.customer_id = r.customer_id
                       AND m.direction = 1 AND m.created_at > r.sent_at)
            FROM campaign_recipients r LEFT JOIN outbox o ON o.message_id = r.message_id
            WHERE r.tenant_id = @tenant AND r.campaign_id = @id AND (@status::text IS NULL OR r.status = @status::text)
              AND (@after::uuid IS NULL OR r.customer_id > @after::uuid)
            ORDER BY r.customer_id LIMIT @limit
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        p.Add(new NpgsqlParameter<Guid>("id", id));
        p.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)status?.ToString() ?? DBNull.Value });
        p.Add(new NpgsqlParameter("after", NpgsqlDbType.Uuid) { Value = (object?)after ?? DBNull.Value });
        p.Add(new NpgsqlParameter<int>("limit", limit));
        var found = new List<CampaignRecipient>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new CampaignRecipient(reader.GetGuid(0), Enum.Parse<CampaignRecipientStatus>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : (ChannelKind)reader.GetInt16(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetGuid(5),
                reader.IsDBNull(6) ? null : (DeliveryStatus)reader.GetInt16(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetBoolean(8)));
        }

        return found;
    }

    /// <summary>
    /// Queues a <c>campaign.*</c> event for every subscription of the tenant that hears it, in the transaction that moved
    /// the campaign (events out, issue 19 item 6): its id is stable for that move, its order key the campaign's, so a
    /// campaign's events reach an endpoint in order.
    /// </summary>
    private static async Task QueueEventAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Campaign campaign, string type, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var eventId = $"{type}:{campaign.Id:N}:{at.UtcTicks}";
        var payload = JsonSerializer.Serialize(new
        {
            id = eventId, type, createdAt = at, tenantId = campaign.TenantId,
            data = new { campaignId = campaign.Id, name = campaign.Name, status = campaign.Status.ToString(), topic = campaign.Topic, planned = campaign.Planned },
        }, EventJson);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO webhook_deliveries (delivery_id, subscription_id, tenant_id, event_id, event_type, order_key, payload, created_at, next_attempt_at)
            SELECT gen_random_uuid(), s.subscription_id, s.tenant_id, @id, @type, @key, @payload, @at, @at
            FROM webhook_subscriptions s WHERE s.tenant_id = @tenant AND @type = ANY(s.events) AND s.created_at <= @at
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<Guid>("tenant", campaign.TenantId));
        insert.Parameters.Add(new NpgsqlParameter<string>("id", eventId));
        insert.Parameters.Add(new NpgsqlParameter<string>("type", type));
        insert.Parameters.Add(new NpgsqlParameter<string>("key", "campaign:" + campaign.Id.ToString("N")));
        insert.Parameters.Add(new NpgsqlParameter<string>("payload", payload));
        insert.Parameters.Add(new NpgsqlParameter<DateTime>("at", at.UtcDateTime));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    private static async Task<List<Campaign>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<Campaign>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Read(reader));
        }

        return found;
    }

    private static Campaign Read(NpgsqlDataReader reader) => new(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2),
        Enum.Parse<CampaignStatus>(reader.GetString(3)), reader.IsDBNull(4) ? null : reader.GetString(4),
        JsonSerializer.Deserialize<AudienceJson>(reader.GetString(5))!.ToAudience(),
        JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(6))!,
        [.. reader.GetFieldValue<int[]>(7).Select(c => (ChannelKind)c)], reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetFieldValue<DateTimeOffset>(9), reader.GetInt32(10), reader.GetBoolean(11), reader.GetFieldValue<DateTimeOffset>(12),
        reader.GetFieldValue<DateTimeOffset>(13), reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14));

    /// <summary>The stored shape of an audience (channels by number).</summary>
    internal sealed record AudienceJson(string[] Tags, int[] Channels, Dictionary<string, string> Attributes, DateTimeOffset? ActiveSince,
        DateTimeOffset? InactiveSince, string? Consent, bool SubscribedOnly)
    {
        public static AudienceJson From(CampaignAudience a) => new([.. a.Tags], [.. a.Channels.Select(c => (int)c)],
            new Dictionary<string, string>(a.Attributes, StringComparer.Ordinal), a.ActiveSince, a.InactiveSince, a.Consent, a.SubscribedOnly);

        public CampaignAudience ToAudience() => new(Tags, [.. Channels.Select(c => (ChannelKind)c)], Attributes, ActiveSince, InactiveSince, Consent, SubscribedOnly);
    }
}
