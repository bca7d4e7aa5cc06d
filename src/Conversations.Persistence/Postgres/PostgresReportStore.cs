using System.Globalization;
using Conversations.Abstractions.Conversations;
using Conversations.Persistence.Reports;
using Npgsql;

namespace Conversations.Persistence.Postgres;

/// <summary>
/// <see cref="IReportStore"/> on PostgreSQL: <c>report_conversations</c> and <c>report_rollups</c> (migration 0020),
/// <c>report_daily_rollups</c> and <c>report_day_zones</c> (migration 0034).
/// </summary>
public sealed class PostgresReportStore(NpgsqlDataSource dataSource) : IReportStore
{
    // Advisory lock class of report batches: two silos counting the same conversation (its grain moved) take turns.
    private const int LockClass = 20;

    // Advisory lock class of a tenant's days: batches hold it shared, a rebuild of the days exclusive.
    private const int DaysLockClass = 21;

    /// <inheritdoc />
    public async Task ApplyAsync(IReadOnlyList<ConversationFacts> facts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var latest = facts.GroupBy(f => (f.TenantId, f.ConversationId)).Select(g => g.MaxBy(f => f.LastSeq)!).ToList();
        if (latest.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockTenantsSharedAsync(connection, transaction, latest, cancellationToken);
        await LockAsync(connection, transaction, latest, cancellationToken);
        var zones = await DayZonesAsync(connection, transaction, latest, cancellationToken);
        var previous = await ReadFactsAsync(connection, transaction, latest, cancellationToken);

        var deltas = new Dictionary<ReportBucketKey, long[]>();
        var dayDeltas = new Dictionary<ReportBucketKey, long[]>();
        var changed = new List<(ConversationFacts Facts, DateOnly? Day)>();
        foreach (var next in latest)
        {
            if (previous.TryGetValue((next.TenantId, next.ConversationId), out var old))
            {
                if (old.Facts.LastSeq > next.LastSeq || old.Facts == next)
                {
                    continue;
                }

                var oldFigures = ReportFigures.Of(old.Facts);
                ReportFigures.Add(Delta(deltas, old.Facts.Bucket), oldFigures, -1);
                if (old.Day is { } oldDay)
                {
                    ReportFigures.Add(Delta(dayDeltas, DayKey(old.Facts, oldDay)), oldFigures, -1);
                }
            }

            var figures = ReportFigures.Of(next);
            ReportFigures.Add(Delta(deltas, next.Bucket), figures);
            DateOnly? day = zones.TryGetValue(next.TenantId, out var zone) ? ReportDays.DayOf(next.Hour, zone) : null;
            if (day is { } d)
            {
                ReportFigures.Add(Delta(dayDeltas, DayKey(next, d)), figures);
            }

            changed.Add((next, day));
        }

        if (changed.Count > 0)
        {
            await UpsertRollupsAsync(connection, transaction, "report_rollups", "hour", deltas, cancellationToken);
            if (dayDeltas.Count > 0)
            {
                await UpsertRollupsAsync(connection, transaction, "report_daily_rollups", "day", dayDeltas, cancellationToken);
            }

            await UpsertFactsAsync(connection, transaction, changed, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReportRollup>> ReadAsync(Guid tenantId, DateTimeOffset fromHour, DateTimeOffset toHour, short? channel, Guid? operatorId,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT hour, channel, operator_id, entry_point, figures FROM report_rollups WHERE tenant_id = @tenant AND hour >= @from AND hour < @to"
            + (channel is null ? "" : " AND channel = @channel")
            + (operatorId is null ? "" : " AND operator_id = @operator"));
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("from", fromHour.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("to", toHour.UtcDateTime));
        if (channel is { } c)
        {
            command.Parameters.Add(new NpgsqlParameter<short>("channel", c));
        }

        if (operatorId is { } o)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid>("operator", o));
        }

        var rows = new List<ReportRollup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new ReportBucketKey(tenantId, new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), reader.GetInt16(1), reader.GetGuid(2), reader.GetString(3));
            rows.Add(new ReportRollup(key, reader.GetFieldValue<long[]>(4)));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReportRollup>?> ReadDaysAsync(Guid tenantId, TimeZoneInfo zone, DateOnly fromDay, DateOnly toDay, short? channel,
        Guid? operatorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        // One statement, one snapshot: the zone the days are kept in and the days themselves (a rebuild between two reads cannot mix zones).
        await using var command = dataSource.CreateCommand(
            "SELECT z.time_zone, d.day, d.channel, d.operator_id, d.entry_point, d.figures FROM report_day_zones z"
            + " LEFT JOIN report_daily_rollups d ON d.tenant_id = z.tenant_id AND d.day >= @from AND d.day < @to"
            + (channel is null ? "" : " AND d.channel = @channel")
            + (operatorId is null ? "" : " AND d.operator_id = @operator")
            + " WHERE z.tenant_id = @tenant");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", fromDay));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("to", toDay));
        if (channel is { } c)
        {
            command.Parameters.Add(new NpgsqlParameter<short>("channel", c));
        }

        if (operatorId is { } o)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid>("operator", o));
        }

        var rows = new List<ReportRollup>();
        var firstHours = new Dictionary<DateOnly, DateTimeOffset>();
        var kept = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetString(0) != zone.Id)
            {
                return null;
            }

            kept = true;

            if (reader.IsDBNull(1))
            {
                continue; // the zone matches and no day has figures
            }

            var day = reader.GetFieldValue<DateOnly>(1);
            if (!firstHours.TryGetValue(day, out var hour))
            {
                hour = ReportDays.FirstHour(day, zone);
                firstHours[day] = hour;
            }

            rows.Add(new ReportRollup(new ReportBucketKey(tenantId, hour, reader.GetInt16(2), reader.GetGuid(3), reader.GetString(4)),
                reader.GetFieldValue<long[]>(5)));
        }

        return kept ? rows : null;
    }

    /// <inheritdoc />
    public async Task RebuildDaysAsync(Guid tenantId, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var sql in (string[])[
            "SELECT pg_advisory_xact_lock(@class, @key)",
            "DELETE FROM report_daily_rollups WHERE tenant_id = @tenant",
            """
            INSERT INTO report_daily_rollups (tenant_id, day, channel, operator_id, entry_point, figures)
            SELECT tenant_id, (hour AT TIME ZONE @zone)::date, channel, operator_id, entry_point, report_sum(figures)
            FROM report_rollups WHERE tenant_id = @tenant GROUP BY 1, 2, 3, 4, 5
            """,
            "UPDATE report_conversations SET day = (hour AT TIME ZONE @zone)::date WHERE tenant_id = @tenant",
            "INSERT INTO report_day_zones (tenant_id, time_zone) VALUES (@tenant, @zone) ON CONFLICT (tenant_id) DO UPDATE SET time_zone = excluded.time_zone",
        ])
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 600 };
            if (sql.Contains("@class", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter<int>("class", DaysLockClass));
                command.Parameters.Add(new NpgsqlParameter<int>("key", tenantId.GetHashCode()));
            }
            else
            {
                command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
            }

            if (sql.Contains("@zone", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter<string>("zone", zone.Id));
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The zone the tenant's days are cut in stays; its days are counted again as the conversations are.</remarks>
    public async Task ClearAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in (string[])["DELETE FROM report_conversations WHERE tenant_id = @tenant", "DELETE FROM report_rollups WHERE tenant_id = @tenant",
            "DELETE FROM report_daily_rollups WHERE tenant_id = @tenant"])
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken); // one implicit transaction
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Guid>> ConversationIdsAsync(Guid tenantId, Guid after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT conversation_id FROM conversations WHERE tenant_id = @tenant AND conversation_id > @after ORDER BY conversation_id LIMIT @limit");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("after", after));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(Guid TenantId, Guid ConversationId)>> ActiveSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        // A scan of the conversations table, once at start-up: no index uses last_activity_at (it changes per message).
        await using var command = dataSource.CreateCommand("SELECT tenant_id, conversation_id FROM conversations WHERE last_activity_at >= @since");
        command.Parameters.Add(new NpgsqlParameter<DateTime>("since", since.UtcDateTime));
        var active = new List<(Guid, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            active.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }

        return active;
    }

    private static long[] Delta(Dictionary<ReportBucketKey, long[]> deltas, ReportBucketKey key)
    {
        if (!deltas.TryGetValue(key, out var delta))
        {
            delta = new long[ReportFigures.Length];
            deltas[key] = delta;
        }

        return delta;
    }

    private static ReportBucketKey DayKey(ConversationFacts facts, DateOnly day) =>
        facts.Bucket with { Hour = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) };

    private static async Task LockTenantsSharedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ConversationFacts> facts,
        CancellationToken cancellationToken)
    {
        // Before the conversations' locks and in one order, like them: a rebuild of a tenant's days waits for its batches and they for it.
        int[] keys = [.. facts.Select(f => f.TenantId.GetHashCode()).Distinct().Order()];
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_advisory_xact_lock_shared(@class, k)) FROM (SELECT k FROM unnest(@keys) AS k ORDER BY k) AS ordered", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int>("class", DaysLockClass));
        command.Parameters.Add(new NpgsqlParameter<int[]>("keys", keys));
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<Dictionary<Guid, TimeZoneInfo>> DayZonesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<ConversationFacts> facts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT tenant_id, time_zone FROM report_day_zones WHERE tenant_id = ANY(@tenants)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("tenants", [.. facts.Select(f => f.TenantId).Distinct()]));
        var zones = new Dictionary<Guid, TimeZoneInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Written by a rebuild from a zone this process knew; a zone unknown here (another silo's tzdata) keeps hours only.
            if (TimeZoneInfo.TryFindSystemTimeZoneById(reader.GetString(1), out var zone))
            {
                zones[reader.GetGuid(0)] = zone;
            }
        }

        return zones;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ConversationFacts> facts, CancellationToken cancellationToken)
    {
        // In one order everywhere, so two batches never wait on each other in a circle.
        int[] keys = [.. facts.Select(f => f.ConversationId.GetHashCode()).Distinct().Order()];
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_advisory_xact_lock(@class, k)) FROM (SELECT k FROM unnest(@keys) AS k ORDER BY k) AS ordered", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int>("class", LockClass));
        command.Parameters.Add(new NpgsqlParameter<int[]>("keys", keys));
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<Dictionary<(Guid, Guid), (ConversationFacts Facts, DateOnly? Day)>> ReadFactsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<ConversationFacts> facts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.tenant_id, r.conversation_id, last_seq, hour, channel, operator_id, entry_point, handoff, taken, abandoned, wait_s,
                   first_response_s, resolution_s, customer_messages, bot_messages, operator_messages, survey_offered, score, score_min, score_max, day, handling_s
            FROM report_conversations r JOIN unnest(@tenant, @conversation) AS k(tenant_id, conversation_id)
              ON r.tenant_id = k.tenant_id AND r.conversation_id = k.conversation_id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("tenant", [.. facts.Select(f => f.TenantId)]));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("conversation", [.. facts.Select(f => f.ConversationId)]));
        var found = new Dictionary<(Guid, Guid), (ConversationFacts, DateOnly?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new ConversationFacts(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero), reader.GetInt16(4),
                reader.GetGuid(5), reader.GetString(6), reader.IsDBNull(7) ? null : (HandoffCause)reader.GetInt16(7), reader.GetBoolean(8),
                reader.GetBoolean(9), IntOrNull(reader, 10), IntOrNull(reader, 11), IntOrNull(reader, 12), reader.GetInt32(13), reader.GetInt32(14),
                reader.GetInt32(15), reader.GetBoolean(16), ShortOrNull(reader, 17), ShortOrNull(reader, 18), ShortOrNull(reader, 19), IntOrNull(reader, 21));
            found[(row.TenantId, row.ConversationId)] = (row, reader.IsDBNull(20) ? null : reader.GetFieldValue<DateOnly>(20));
        }

        return found;
    }

    // The hourly and the daily level alike; a daily key carries its day as UTC midnight in Hour.
    private static async Task UpsertRollupsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string period,
        Dictionary<ReportBucketKey, long[]> deltas, CancellationToken cancellationToken)
    {
        var rows = deltas.OrderBy(d => d.Key.TenantId).ThenBy(d => d.Key.Hour).ThenBy(d => d.Key.Channel).ThenBy(d => d.Key.OperatorId)
            .ThenBy(d => d.Key.EntryPoint, StringComparer.Ordinal).ToList();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {table} (tenant_id, {period}, channel, operator_id, entry_point, figures)
            SELECT t, h, c, o, e, f::bigint[] FROM unnest(@tenant, @period, @channel, @operator, @entry, @figures) AS u(t, h, c, o, e, f)
            ON CONFLICT (tenant_id, {period}, channel, operator_id, entry_point)
            DO UPDATE SET figures = report_add({table}.figures, excluded.figures)
            """, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("tenant", [.. rows.Select(r => r.Key.TenantId)]));
        if (period == "day")
        {
            p.Add(new NpgsqlParameter<DateOnly[]>("period", [.. rows.Select(r => DateOnly.FromDateTime(r.Key.Hour.UtcDateTime))]));
        }
        else
        {
            p.Add(new NpgsqlParameter<DateTime[]>("period", [.. rows.Select(r => r.Key.Hour.UtcDateTime)]));
        }

        p.Add(new NpgsqlParameter<short[]>("channel", [.. rows.Select(r => r.Key.Channel)]));
        p.Add(new NpgsqlParameter<Guid[]>("operator", [.. rows.Select(r => r.Key.OperatorId)]));
        p.Add(new NpgsqlParameter<string[]>("entry", [.. rows.Select(r => r.Key.EntryPoint)]));
        p.Add(new NpgsqlParameter<string[]>("figures", [.. rows.Select(r => "{" + string.Join(',', r.Value.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "}")]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpsertFactsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(ConversationFacts Facts, DateOnly? Day)> rows,
        CancellationToken cancellationToken)
    {
        var facts = rows.Select(r => r.Facts).ToList();
        await using var command = new NpgsqlCommand("""
            INSERT INTO report_conversations (tenant_id, conversation_id, last_seq, hour, channel, operator_id, entry_point, handoff, taken, abandoned,
                wait_s, first_response_s, resolution_s, customer_messages, bot_messages, operator_messages, survey_offered, score, score_min, score_max, day, handling_s)
            SELECT * FROM unnest(@tenant, @conversation, @seq, @hour, @channel, @operator, @entry, @handoff, @taken, @abandoned,
                @wait, @frt, @resolution, @customer, @bot, @operators, @offered, @score, @min, @max, @day, @handling)
            ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET
                last_seq = excluded.last_seq, hour = excluded.hour, channel = excluded.channel, operator_id = excluded.operator_id,
                entry_point = excluded.entry_point, handoff = excluded.handoff, taken = excluded.taken, abandoned = excluded.abandoned,
                wait_s = excluded.wait_s, first_response_s = excluded.first_response_s, resolution_s = excluded.resolution_s,
                customer_messages = excluded.customer_messages, bot_messages = excluded.bot_messages,
                operator_messages = excluded.operator_messages, survey_offered = excluded.survey_offered, score = excluded.score,
                score_min = excluded.score_min, score_max = excluded.score_max, day = excluded.day, handling_s = excluded.handling_s
            """, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("tenant", [.. facts.Select(f => f.TenantId)]));
        p.Add(new NpgsqlParameter<Guid[]>("conversation", [.. facts.Select(f => f.ConversationId)]));
        p.Add(new NpgsqlParameter<long[]>("seq", [.. facts.Select(f => f.LastSeq)]));
        p.Add(new NpgsqlParameter<DateTime[]>("hour", [.. facts.Select(f => f.Hour.UtcDateTime)]));
        p.Add(new NpgsqlParameter<short[]>("channel", [.. facts.Select(f => f.Channel)]));
        p.Add(new NpgsqlParameter<Guid[]>("operator", [.. facts.Select(f => f.OperatorId)]));
        p.Add(new NpgsqlParameter<string[]>("entry", [.. facts.Select(f => f.EntryPoint)]));
        p.Add(new NpgsqlParameter<short?[]>("handoff", [.. facts.Select(f => (short?)f.Handoff)]));
        p.Add(new NpgsqlParameter<bool[]>("taken", [.. facts.Select(f => f.Taken)]));
        p.Add(new NpgsqlParameter<bool[]>("abandoned", [.. facts.Select(f => f.Abandoned)]));
        p.Add(new NpgsqlParameter<int?[]>("wait", [.. facts.Select(f => f.WaitSeconds)]));
        p.Add(new NpgsqlParameter<int?[]>("frt", [.. facts.Select(f => f.FirstResponseSeconds)]));
        p.Add(new NpgsqlParameter<int?[]>("resolution", [.. facts.Select(f => f.ResolutionSeconds)]));
        p.Add(new NpgsqlParameter<int[]>("customer", [.. facts.Select(f => f.CustomerMessages)]));
        p.Add(new NpgsqlParameter<int[]>("bot", [.. facts.Select(f => f.BotMessages)]));
        p.Add(new NpgsqlParameter<int[]>("operators", [.. facts.Select(f => f.OperatorMessages)]));
        p.Add(new NpgsqlParameter<bool[]>("offered", [.. facts.Select(f => f.SurveyOffered)]));
        p.Add(new NpgsqlParameter<short?[]>("score", [.. facts.Select(f => (short?)f.Score)]));
        p.Add(new NpgsqlParameter<short?[]>("min", [.. facts.Select(f => (short?)f.ScoreMin)]));
        p.Add(new NpgsqlParameter<short?[]>("max", [.. facts.Select(f => (short?)f.ScoreMax)]));
        p.Add(new NpgsqlParameter<DateOnly?[]>("day", [.. rows.Select(r => r.Day)]));
        p.Add(new NpgsqlParameter<int?[]>("handling", [.. facts.Select(f => f.HandlingSeconds)]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static int? IntOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static int? ShortOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt16(ordinal);
}
